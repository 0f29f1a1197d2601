package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Without the voice's jar, start-up fails with one clear line (in a JVM of its own: MaryTTS starts once per process). */
class MissingVoiceTest {

  @Test
  void startWithoutTheVoiceJarSaysWhatIsMissing() throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String withoutVoice = Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.contains("voice-cmu-slt-hsmm"))
        .collect(Collectors.joining(File.pathSeparator));
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", withoutVoice, StartAndPrintFailure.class.getName())
        .redirectErrorStream(true).start();
    String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(jvm.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(output).isEqualTo("MaryTTS could not load the voice cmu-slt-hsmm: "
        + "its jar is not on the class path (voices found: [])");
  }

  /** Runs in the child JVM. */
  public static final class StartAndPrintFailure {
    public static void main(String[] args) {
      try {
        MaryTtsEngine.start();
        System.out.println("started without the voice");
      } catch (IllegalStateException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
