package voice.audio.wav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the real {@code sox} (Debian package sox) to make and check WAV files. */
final class Sox {
  private Sox() {}

  static String run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
    return output.trim();
  }
}
