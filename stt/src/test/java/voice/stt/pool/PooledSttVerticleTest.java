package voice.stt.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.AudioFrame;
import voice.core.message.Transcript;
import voice.core.message.VadEvent;
import voice.core.stage.StageThreads;
import voice.stt.Recognizer;
import voice.stt.SttOptions;
import voice.stt.SttVerticle;
import voice.stt.TestAudio;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;

/** Speech stages of two sessions sharing a pool of one real PocketSphinx decoder. */
@ExtendWith(VertxExtension.class)
class PooledSttVerticleTest {
  private static final StageThreads threads = new StageThreads("pool-test");
  private static RecognizerPool pool;
  private static String somethingHeard;

  @BeforeAll
  static void openPool() throws Exception {
    pool = new RecognizerPool(() -> PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs()), 1,
        Duration.ofSeconds(60));
    Recognizer alone = pool.lease();
    alone.startUtterance();
    short[] something = TestAudio.read(TestAudio.SOMETHING);
    alone.accept(something, 0, something.length);
    somethingHeard = alone.endUtterance().text();
    alone.close();
  }

  @AfterAll
  static void closePool() {
    threads.close();
    pool.close();
  }

  @Test
  void twoSessionsSpeakingAtOnceOverOneDecoderEachHearOnlyThemselves(Vertx vertx, VertxTestContext ctx)
      throws Exception {
    Codecs.register(vertx);
    Map<String, String> finals = new ConcurrentHashMap<>();
    Checkpoint bothFinal = ctx.checkpoint(2);
    for (String scope : List.of("a", "b")) {
      vertx.eventBus().<Transcript>consumer(Addresses.scoped(Addresses.STT_FINAL, scope), m -> {
        finals.put(scope, m.body().text());
        bothFinal.flag();
      });
    }
    Recognizer a = pool.lease();
    Recognizer b = pool.lease();
    vertx.deployVerticle(new SttVerticle(a, SttOptions.DEFAULT, "a", threads.single("a"))).await();
    vertx.deployVerticle(new SttVerticle(b, SttOptions.DEFAULT, "b", threads.single("b"))).await();
    short[] second = TestAudio.silence(1000);
    publish(vertx, "a", TestAudio.concat(TestAudio.read(TestAudio.GO_FORWARD), second));
    publish(vertx, "b", TestAudio.concat(TestAudio.read(TestAudio.SOMETHING), second));

    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(finals).containsEntry("a", "go forward ten meters").containsEntry("b", somethingHeard);
    a.close();
    b.close();
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void aSessionStoppedInsideAnUtteranceGivesItsDecoderBack(Vertx vertx) throws Exception {
    Codecs.register(vertx);
    CountDownLatch speaking = new CountDownLatch(1);
    vertx.eventBus().<VadEvent>consumer(Addresses.scoped(Addresses.VAD, "c"), m -> speaking.countDown());
    Recognizer c = pool.lease();
    String deployment = vertx.deployVerticle(new SttVerticle(c, SttOptions.DEFAULT, "c", threads.single("c"))).await();
    short[] goForward = TestAudio.read(TestAudio.GO_FORWARD);
    publish(vertx, "c", TestAudio.slice(goForward, 0, 1500)); // no silence after: still inside the utterance

    assertThat(speaking.await(60, TimeUnit.SECONDS)).as("speech started").isTrue();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (pool.inUse() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the decoder is taken right after the start is told
    }
    assertThat(pool.inUse()).as("held inside the utterance").isEqualTo(1);
    vertx.undeploy(deployment).await();
    assertThat(pool.inUse()).as("after the stage stopped mid-utterance").isZero();
    c.close();
  }

  /** The samples as 20 ms frames, none marked last (the input goes on). */
  private static void publish(Vertx vertx, String scope, short[] samples) {
    for (int off = 0; off < samples.length; off += 320) {
      int n = Math.min(320, samples.length - off);
      Buffer pcm = Buffer.buffer(n * 2);
      for (int i = 0; i < n; i++) {
        pcm.appendShortLE(samples[off + i]);
      }
      vertx.eventBus().publish(Addresses.scoped(Addresses.AUDIO_IN, scope), new AudioFrame(off / 16, pcm, false));
    }
  }
}
