package voice.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.Main;

/**
 * A machine without speexdsp (issue 14's first bad input), emulated by a child JVM told to load a
 * library that does not exist ({@code -Dvoice.speexdsp.soname}): {@code devices} says so, the
 * default {@code --aec auto} says it in one line and the echo gate works alone, and
 * {@code --aec speex} refuses in one line.
 */
class EchoCancellerMissingTest {
  private static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) throws Exception {
    return run(null, args);
  }

  /** Runs the CLI in a child JVM without speexdsp, its standard input read from {@code in} (null: none). */
  private Run run(Path in, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dvoice.speexdsp.soname=libspeexdsp-absent.so.1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    if (in != null) {
      builder.redirectInput(in.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    assertThat(ended).as("the child ended: " + Files.readString(err)).isTrue();
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static List<String> ownLines(Run run) {
    return run.err().lines().filter(l -> l.startsWith("voice-agent: ")).toList();
  }

  @Test
  void devicesSaysTheGateWorksAlone() throws Exception {
    Run run = run("devices");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("echo-canceller\t(speexdsp not found: apt-get install libspeexdsp1; the echo gate works alone)");
  }

  @Test
  void autoSaysItInOneLineAndTheConversationRuns() throws Exception {
    // A spoken question on standard input (raw 16 kHz s16le), answered by the demo model.
    Path out = dir.resolve("answer.wav");
    Run run = run(GO_FORWARD, "chat", "--in", "-", "--llm", "demo", "--out", out.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.size(out)).as("the answer was spoken").isGreaterThan(44 + 16_000);
    assertThat(ownLines(run)).containsExactly("voice-agent: speexdsp not found: apt-get install libspeexdsp1 (echo gate only)");
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void speexRefusesInOneLine() throws Exception {
    Run run = run("chat", "--in", SilentRecording.in(dir).toString(), "--llm", "demo", "--aec", "speex", "--out", dir.resolve("a.wav").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(ownLines(run)).containsExactly("voice-agent: speexdsp not found: apt-get install libspeexdsp1");
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
    assertThat(dir.resolve("a.wav")).doesNotExist();
  }
}
