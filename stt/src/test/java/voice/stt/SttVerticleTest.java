package voice.stt;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.event.EventProjector;
import voice.core.message.AudioFrame;
import voice.core.message.Transcript;
import voice.core.message.VadEvent;
import voice.core.stage.StageThreads;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;

/** Audio frames in, VAD events, transcripts and public events out, with real PocketSphinx. */
@ExtendWith(VertxExtension.class)
class SttVerticleTest {
  private static PocketSphinxRecognizer recognizer;
  private static final StageThreads threads = new StageThreads("test");

  @BeforeAll
  static void startDecoder() {
    recognizer = PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
  }

  @AfterAll
  static void stopDecoder() {
    recognizer.close();
    threads.close();
  }

  /** What one scope's outputs received, in arrival order. */
  private static final class Outputs {
    final List<Object> messages = new CopyOnWriteArrayList<>();
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    Outputs(Vertx vertx, String scope, VertxTestContext ctx) {
      for (String address : List.of(Addresses.VAD, Addresses.STT_PARTIAL, Addresses.STT_FINAL)) {
        vertx.eventBus().consumer(Addresses.scoped(address, scope), m -> messages.add(m.body()));
      }
      vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> {
        events.add(m.body());
        if (m.body().type().equals("stt.input_end")) {
          ctx.completeNow();
        }
      });
      // The input's end is a typed message; the projector writes its public event, as in the app.
      vertx.deployVerticle(new EventProjector(scope)).await();
    }
  }

  private static void publishFrames(Vertx vertx, String scope, short[] samples, long offsetMs) {
    int frame = 320;
    for (int off = 0; off < samples.length; off += frame) {
      int n = Math.min(frame, samples.length - off);
      Buffer pcm = Buffer.buffer(n * 2);
      for (int i = 0; i < n; i++) {
        pcm.appendShortLE(samples[off + i]);
      }
      vertx.eventBus().publish(Addresses.scoped(Addresses.AUDIO_IN, scope),
          new AudioFrame(offsetMs + off / 16, pcm, off + frame >= samples.length));
    }
  }

  @Test
  void recognizesAnUtteranceAndAnnouncesTheEndOfInput(Vertx vertx, VertxTestContext ctx) throws Exception {
    Codecs.register(vertx);
    String scope = "s1";
    Outputs out = new Outputs(vertx, scope, ctx);
    short[] audio = TestAudio.concat(TestAudio.read(TestAudio.GO_FORWARD), TestAudio.silence(1000));
    SttVerticle stt = new SttVerticle(recognizer, SttOptions.DEFAULT, scope, threads.single("stt"));
    vertx.deployVerticle(stt).onComplete(ctx.succeeding(id -> publishFrames(vertx, scope, audio, 5000)));
    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();

    VadEvent start = (VadEvent) out.messages.get(0);
    assertThat(start.utterance()).isEqualTo("u1");
    assertThat(start.speaking()).isTrue();
    assertThat(start.atMs()).isBetween(5300L, 5560L); // positions count from the first frame's offset
    Transcript last = (Transcript) out.messages.get(out.messages.size() - 1);
    assertThat(last.isFinal()).isTrue();
    assertThat(last.text()).isEqualTo("go forward ten meters");
    assertThat(last.words()).hasSize(4);
    assertThat(last.words().get(0).startMs()).isBetween(5300L, 5700L);
    VadEvent end = (VadEvent) out.messages.get(out.messages.size() - 2);
    assertThat(end.speaking()).isFalse();
    assertThat(end.atMs()).isEqualTo(last.endMs()).isBetween(6950L, 7700L);
    List<Object> partials = out.messages.subList(1, out.messages.size() - 2);
    assertThat(partials).isNotEmpty().allMatch(m -> m instanceof Transcript t && !t.isFinal());

    List<String> types = out.events.stream().map(AgentEvent::type).toList();
    assertThat(types.get(0)).isEqualTo("vad.speech_start");
    assertThat(types.subList(types.size() - 3, types.size()))
        .containsExactly("vad.speech_end", "stt.final", "stt.input_end");
    assertThat(out.events).allMatch(e -> e.turn() == null);
    AgentEvent fin = out.events.get(out.events.size() - 2);
    assertThat(fin.fields()).containsEntry("text", "go forward ten meters")
        .containsEntry("start_ms", last.startMs()).containsEntry("end_ms", last.endMs());
  }

  @Test
  void theLastFrameFlushesAnUtteranceStillInProgress(Vertx vertx, VertxTestContext ctx) throws Exception {
    Codecs.register(vertx);
    String scope = "s2";
    Outputs out = new Outputs(vertx, scope, ctx);
    // The input stops right after "meters": no trailing silence to end the utterance.
    short[] audio = TestAudio.slice(TestAudio.read(TestAudio.GO_FORWARD), 0, 2200);
    vertx.deployVerticle(new SttVerticle(recognizer, SttOptions.DEFAULT, scope, threads.single("stt")))
        .onComplete(ctx.succeeding(id -> publishFrames(vertx, scope, audio, 0)));
    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();

    List<String> types = out.events.stream().map(AgentEvent::type).toList();
    assertThat(types).endsWith("vad.speech_end", "stt.final", "stt.input_end");
    assertThat(out.events.get(out.events.size() - 2).fields().get("text")).isEqualTo("go forward ten meters");
  }

  @Test
  void silenceGivesNoSpeechOnlyTheEndOfInput(Vertx vertx, VertxTestContext ctx) throws Exception {
    Codecs.register(vertx);
    String scope = "s3";
    Outputs out = new Outputs(vertx, scope, ctx);
    short[] audio = TestAudio.mix(TestAudio.silence(3000), TestAudio.noise(3000, 20, 5));
    vertx.deployVerticle(new SttVerticle(recognizer, SttOptions.DEFAULT, scope, threads.single("stt")))
        .onComplete(ctx.succeeding(id -> publishFrames(vertx, scope, audio, 0)));
    assertThat(ctx.awaitCompletion(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out.messages).isEmpty();
    assertThat(out.events).extracting(AgentEvent::type).containsExactly("stt.input_end");
  }
}
