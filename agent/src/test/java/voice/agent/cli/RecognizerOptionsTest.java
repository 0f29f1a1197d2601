package voice.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.Main;

/**
 * {@code --stt} and {@code --vosk-model} mean the same in chat, transcribe and serve: a bad engine
 * is a bad option (exit 2), and a catalogue id resolves in the models cache, naming the pull
 * command when it is not installed, before anything costly starts.
 */
class RecognizerOptionsTest {
  private static final String ID = "vosk-small-en-us";

  @TempDir Path dir;

  /** The three commands, each with what it needs besides the speech options. */
  private List<List<String>> commands() throws Exception {
    String wav = SilentRecording.in(dir).toString();
    return List.of(
        List.of("chat", "--in", wav, "--llm", "demo", "--out", dir.resolve("chat.wav").toString()),
        List.of("transcribe", wav),
        List.of("serve", "--port", "0", "--llm", "demo"));
  }

  @Test
  void anUnknownEngineIsABadOptionInEveryCommand() throws Exception {
    for (List<String> command : commands()) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--stt", "nosuch"));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(command.get(0) + ": " + run.err()).isEqualTo(2);
      assertThat(run.out()).as(command.get(0)).isEmpty();
      assertThat(run.err().strip()).as(command.get(0))
          .isEqualTo("voice-agent: unknown speech engine 'nosuch': use auto, vosk or pocketsphinx");
    }
    assertThat(dir.resolve("chat.wav")).doesNotExist();
  }

  @Test
  void aCatalogueIdThatIsNotInstalledNamesThePullCommandInEveryCommand() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    for (List<String> command : commands()) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--vosk-model", ID));
      Path err = dir.resolve(command.get(0) + ".err");
      Path out = dir.resolve(command.get(0) + ".out");
      Process agent = start(args, home, out, err);
      assertThat(agent.waitFor(90, TimeUnit.SECONDS)).as(command.get(0) + " ended").isTrue();
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      assertThat(agent.exitValue()).as(command.get(0) + ": " + stderr).isEqualTo(1);
      assertThat(Files.readString(out)).as(command.get(0) + " printed nothing (serve did not listen)").isEmpty();
      assertThat(stderr.lines().toList()).as(command.get(0)).containsExactly(
          "voice-agent: model " + ID + " is not installed: run voice-agent models pull " + ID);
    }
    assertThat(dir.resolve("chat.wav")).doesNotExist();
  }

  /** A child JVM whose models cache and config are the empty {@code home}, whatever this machine has pulled. */
  private static Process start(List<String> args, Path home, Path out, Path err) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(out.toFile());
    String path = System.getenv("PATH");
    builder.environment().clear();
    builder.environment().put("PATH", path);
    for (String name : List.of("HOME", "VOICE_AGENT_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")) {
      builder.environment().put(name, home.toString());
    }
    return builder.start();
  }
}
