package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One {@link marytts.LocalMaryInterface} called from several threads at once must say exactly
 * what it says when called one call at a time: the engine relies on it to synthesize for many
 * sessions on all cores.
 */
class ConcurrentSynthesisTest {
  private static final List<String> TEXTS = List.of(
      "Going forward ten meters now.",
      "I will tell you when I get there.",
      "The quick brown fox jumps over the lazy dog.",
      "Dr. Smith paid $3.50 at 10:30.",
      "Hello world.",
      "Turn left at the second light, then keep going straight for a while.");
  private static final int CALLERS = 4;
  private static final int CALLS_EACH = 15;

  private static MaryTtsEngine engine;
  private static ExecutorService callers;

  @BeforeAll
  static void startMary() {
    engine = MaryTtsEngine.start();
    callers = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterAll
  static void stopCallers() {
    callers.shutdownNow();
  }

  @Test
  void synthesisRunsOnOneThreadPerCore() {
    assertThat(engine.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void concurrentCallsGiveTheBytesOfSerialCalls() throws Exception {
    List<byte[]> serial = new ArrayList<>();
    for (String text : TEXTS) {
      serial.add(say(text));
    }
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<byte[]>>> results = new ArrayList<>();
    for (int c = 0; c < CALLERS; c++) {
      int first = c; // each caller starts on another text, so different texts overlap
      results.add(callers.submit(() -> {
        go.await();
        List<byte[]> heard = new ArrayList<>();
        for (int i = 0; i < CALLS_EACH; i++) {
          heard.add(say(TEXTS.get((first + i) % TEXTS.size())));
        }
        return heard;
      }));
    }
    go.countDown();

    for (int c = 0; c < CALLERS; c++) {
      List<byte[]> heard = results.get(c).get();
      for (int i = 0; i < CALLS_EACH; i++) {
        int text = (c + i) % TEXTS.size();
        assertThat(heard.get(i)).as("caller %d, call %d: \"%s\"", c, i, TEXTS.get(text))
            .isEqualTo(serial.get(text));
      }
    }
    assertThat(serial).allSatisfy(audio -> assertThat(audio.length).isGreaterThan(20_000));
  }

  private static byte[] say(String text) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    engine.synthesize(text, all::writeBytes);
    return all.toByteArray();
  }
}
