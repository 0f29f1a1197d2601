package voice.stt.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.message.Transcript;
import voice.stt.Recognizer;
import voice.stt.StreamingTranscriber;
import voice.stt.SttOptions;
import voice.stt.TestAudio;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;

/** Real PocketSphinx decoders (two, opened once) lent to sessions through pools of one or two. */
class RecognizerPoolTest {
  private static final int PIECE = 1_600; // 100 ms
  private static final List<Recognizer> DECODERS = new ArrayList<>();
  private static short[] goForward;
  private static short[] something;
  private static String somethingHeard;

  @BeforeAll
  static void openDecoders() throws Exception {
    for (int i = 0; i < 2; i++) {
      DECODERS.add(PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs()));
    }
    goForward = TestAudio.read(TestAudio.GO_FORWARD);
    something = TestAudio.read(TestAudio.SOMETHING);
    Recognizer alone = pool(1, Duration.ZERO).lease();
    somethingHeard = utterance(alone, something);
    alone.close();
  }

  @AfterAll
  static void closeDecoders() {
    DECODERS.forEach(Recognizer::close);
  }

  @Test
  void twoSessionsSpeakingAtOnceHoldDifferentDecodersAndHearOnlyThemselves() {
    RecognizerPool pool = pool(2, Duration.ZERO);
    PooledRecognizer a = (PooledRecognizer) pool.lease();
    PooledRecognizer b = (PooledRecognizer) pool.lease();
    a.startUtterance();
    b.startUtterance();
    assertThat(a.held()).isNotNull().isNotSameAs(b.held());
    for (int at = 0; at < Math.max(goForward.length, something.length); at += PIECE) {
      if (at < goForward.length) {
        a.accept(goForward, at, Math.min(PIECE, goForward.length - at));
      }
      if (at < something.length) {
        b.accept(something, at, Math.min(PIECE, something.length - at));
      }
    }
    assertThat(a.endUtterance().text()).isEqualTo("go forward ten meters");
    assertThat(b.endUtterance().text()).isEqualTo(somethingHeard).isNotEmpty();
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void aSessionWithNoFreeDecoderKeepsItsAudioAndDecodesItOnceOneIsFree() throws Exception {
    RecognizerPool pool = pool(1, Duration.ofSeconds(60));
    PooledRecognizer speaking = (PooledRecognizer) pool.lease();
    PooledRecognizer waiting = (PooledRecognizer) pool.lease();
    speaking.startUtterance();
    waiting.startUtterance();
    assertThat(waiting.held()).as("the only decoder is busy").isNull();
    for (int at = 0; at < goForward.length; at += PIECE) {
      waiting.accept(goForward, at, Math.min(PIECE, goForward.length - at));
    }
    assertThat(waiting.held()).isNull();

    CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> waiting.endUtterance().text());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (pool.waiting() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // until the waiting session is blocked in the pool
    }
    assertThat(pool.waiting()).isEqualTo(1);
    assertThat(heard).isNotDone();
    speaking.accept(something, 0, something.length);
    assertThat(speaking.endUtterance().text()).isEqualTo(somethingHeard);

    assertThat(heard.get(60, TimeUnit.SECONDS)).isEqualTo("go forward ten meters");
    assertThat(pool.inUse()).isZero();
  }

  @Test
  void anUtteranceThatFindsNoDecoderInTimeIsReportedAndTheSessionGoesOn() {
    RecognizerPool pool = pool(1, Duration.ZERO);
    Recognizer speaking = pool.lease();
    Recognizer late = pool.lease();
    speaking.startUtterance();
    late.startUtterance();
    late.accept(goForward, 0, goForward.length);

    assertThatThrownBy(late::endUtterance).isInstanceOf(NoFreeRecognizer.class)
        .hasMessage("no free speech recognizer (all 1 busy) within 0 ms: an utterance of "
            + goForward.length / 16 + " ms was dropped");
    speaking.endUtterance();
    assertThat(utterance(late, goForward)).as("its next utterance").isEqualTo("go forward ten meters");
  }

  @Test
  void aDecoderReturnsWhenTheUtteranceIsAbortedAndWhenTheSessionCloses() {
    RecognizerPool pool = pool(1, Duration.ZERO);
    Recognizer session = pool.lease();
    List<String> started = new ArrayList<>();
    StreamingTranscriber transcriber = new StreamingTranscriber(session, SttOptions.DEFAULT, new Listener(started));
    transcriber.accept(TestAudio.silence(500), 0, 8_000);
    transcriber.accept(goForward, 0, goForward.length / 2);
    assertThat(started).as("speech started").hasSize(1);
    assertThat(pool.inUse()).isEqualTo(1);
    assertThat(transcriber.abort()).isTrue();
    assertThat(pool.inUse()).as("after abort").isZero();

    session.startUtterance();
    session.accept(goForward, 0, goForward.length / 2);
    assertThat(pool.inUse()).isEqualTo(1);
    session.close();
    assertThat(pool.inUse()).as("after close").isZero();
    assertThat(utterance(pool.lease(), goForward)).as("the next session hears a fresh utterance")
        .isEqualTo("go forward ten meters");
  }

  /** A pool over the class's decoders (never more than two exist). */
  private static RecognizerPool pool(int size, Duration wait) {
    Iterator<Recognizer> next = DECODERS.iterator();
    Supplier<Recognizer> opener = next::next;
    return new RecognizerPool(opener, size, wait);
  }

  private static String utterance(Recognizer recognizer, short[] audio) {
    recognizer.startUtterance();
    for (int at = 0; at < audio.length; at += PIECE) {
      recognizer.accept(audio, at, Math.min(PIECE, audio.length - at));
    }
    return recognizer.endUtterance().text();
  }

  private record Listener(List<String> started) implements StreamingTranscriber.Listener {
    @Override
    public void speechStarted(String utterance, long atMs) {
      started.add(utterance);
    }

    @Override
    public void partial(Transcript transcript) {}

    @Override
    public void speechEnded(String utterance, long atMs) {}

    @Override
    public void finalResult(Transcript transcript) {}
  }
}
