package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cold engine starts most of MaryTTS's modules on its first synthesis, and a module's start is
 * not thread-safe: sentences that arrive together on a fresh engine must still come out right.
 * The engine is one per process, so the cold engine lives in a child JVM ({@link #main}).
 */
class ColdStartTest {
  private static final String TEXT = "The same words every time.";
  private static final int CALLERS = 3;

  @Test
  void sentencesArrivingTogetherOnAColdEngineSayWhatAWarmEngineSays() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ColdStartTest.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String printed = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();

    int warm = Arrays.hashCode(say(MaryTtsEngine.start()));
    assertThat(printed.lines()).hasSize(CALLERS).allSatisfy(line -> assertThat(line).isEqualTo(Integer.toString(warm)));
  }

  /** In the child: several callers at once on a cold engine; prints a hash of each one's audio. */
  public static void main(String[] args) throws Exception {
    MaryTtsEngine engine = MaryTtsEngine.startCold();
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    List<Future<byte[]>> audio = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      audio.add(callers.submit(() -> say(engine)));
    }
    for (Future<byte[]> each : audio) {
      System.out.println(Arrays.hashCode(each.get()));
    }
    callers.shutdown();
    System.exit(0);
  }

  private static byte[] say(MaryTtsEngine engine) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    engine.synthesize(TEXT, all::writeBytes);
    return all.toByteArray();
  }
}
