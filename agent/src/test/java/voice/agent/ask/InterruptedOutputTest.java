package voice.agent.ask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.Main;
import voice.audio.wav.WavReader;

/**
 * The output file of a run that is stopped (Ctrl-C, {@code kill}) or that cannot start, seen
 * from outside as a user sees it: a real child process, real signals, the real file.
 */
class InterruptedOutputTest {
  @TempDir Path dir;

  @Test
  void ctrlCDuringAnAnswerLeavesAPlayableWavOfWhatWasSaid() throws Exception {
    assertSignalFinishesTheWav("INT");
  }

  @Test
  void sigtermDuringAnAnswerLeavesAPlayableWavOfWhatWasSaid() throws Exception {
    assertSignalFinishesTheWav("TERM");
  }

  private void assertSignalFinishesTheWav(String signal) throws Exception {
    Path wav = dir.resolve("ai.wav");
    Process agent = start(List.of("ask", "Hi", "--llm", "demo", "--out", wav.toString(), "--realtime"), null, Map.of());
    try {
      // Half a second of 48 kHz speech is in the file being written, and the voice goes on for seconds.
      waitForAudio(agent, wav, 48_000);
      signal(agent, signal);
      assertThat(agent.waitFor(20, TimeUnit.SECONDS)).as("exits after SIG" + signal).isTrue();
      assertThat(agent.exitValue()).isEqualTo(130);
      assertFinishedWav(wav, 0.5);
    } finally {
      agent.destroyForcibly();
    }
  }

  @Test
  void aLongTextKilledMidwayLeavesAPlayableWav() throws Exception {
    Path text = dir.resolve("notes.txt");
    StringBuilder notes = new StringBuilder();
    for (int i = 0; notes.length() < 200_000; i++) {
      notes.append("This is sentence number ").append(i).append(" of a long text read from standard input. ");
    }
    Files.writeString(text, notes);
    Path wav = dir.resolve("long.wav");
    Process agent = start(List.of("say", "--out", wav.toString()), text, Map.of());
    try {
      waitForAudio(agent, wav, 48_000 * 2 * 10); // ten seconds of speech written
      signal(agent, "TERM");
      assertThat(agent.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(agent.exitValue()).isEqualTo(130);
      assertFinishedWav(wav, 10);
    } finally {
      agent.destroyForcibly();
    }
  }

  @Test
  void withNothingConfiguredTheErrorOffersTheDemoModel() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path wav = dir.resolve("x.wav");
    Process agent = start(List.of("ask", "Hi", "--no-download", "--out", wav.toString()), null,
        Map.of("HOME", home.toString(), "VOICE_AGENT_HOME", home.toString(), "XDG_CONFIG_HOME", home.toString()));
    assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertThat(agent.exitValue()).as(err).isEqualTo(1);
    assertThat(err.lines().filter(l -> l.startsWith("voice-agent: ")).toList()).singleElement().asString()
        .startsWith("voice-agent: no language model is configured: ")
        .endsWith("to try the voice with nothing installed, use --llm demo");
    assertThat(wav).doesNotExist();
  }

  /** Starts the CLI in a child JVM with only {@code env} (and PATH) as its environment. */
  private Process start(List<String> args, Path stdin, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(dir.resolve("stderr.txt").toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.PIPE);
    if (!env.isEmpty()) {
      String path = System.getenv("PATH");
      builder.environment().clear();
      builder.environment().put("PATH", path);
      builder.environment().putAll(env);
    }
    return builder.start();
  }

  /** Waits until the file being written (the target or a temporary file beside it) holds {@code bytes} of audio. */
  private void waitForAudio(Process agent, Path wav, long bytes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (Math.max(size(wav), partial().map(this::size).orElse(0L)) < 44 + bytes) {
      assertThat(agent.isAlive()).as("still running: " + Files.readString(dir.resolve("stderr.txt"))).isTrue();
      assertThat(System.nanoTime()).as("audio written within 120 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private Optional<Path> partial() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".part")).findFirst();
    }
  }

  private long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException gone) {
      return 0;
    }
  }

  private static void signal(Process agent, String signal) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(agent.pid())).start().waitFor()).isZero();
  }

  /** The header's sizes agree with the file, sox reads it, and it holds at least {@code seconds} of audio. */
  private void assertFinishedWav(Path wav, double seconds) throws Exception {
    assertThat(partial()).as("no temporary file left").isEmpty();
    byte[] header = Arrays.copyOf(Files.readAllBytes(wav), 44);
    ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long dataBytes = Integer.toUnsignedLong(fields.getInt(40));
    assertThat(dataBytes).as("data size in the header").isEqualTo(Files.size(wav) - 44);
    assertThat(Integer.toUnsignedLong(fields.getInt(4))).as("RIFF size").isEqualTo(Files.size(wav) - 8);
    assertThat(WavReader.read(wav).durationMs()).isGreaterThanOrEqualTo((long) (seconds * 1000));
    Process soxi = new ProcessBuilder("soxi", "-s", wav.toString()).redirectErrorStream(true).start();
    assertThat(new String(soxi.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
        .isEqualTo(Long.toString(dataBytes / 2));
  }
}
