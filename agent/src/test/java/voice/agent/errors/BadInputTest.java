package voice.agent.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.audio.wav.WavHeader;

/**
 * What a newcomer types wrong in the first hour: each mistake ends at once with one line naming
 * the problem, the documented exit code (2 for a bad option or argument, 1 for a failed run),
 * and no file left behind.
 */
class BadInputTest {
  @TempDir Path dir;

  /** Runs the CLI in-process; a run that hangs fails the test instead of the build. */
  private static CliRun run(String... args) throws Exception {
    return CompletableFuture.supplyAsync(() -> CliRun.of(args)).get(90, TimeUnit.SECONDS);
  }

  private static void assertOneLine(CliRun run, int exitCode, String line) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.err().lines().filter(l -> l.startsWith("voice-agent: ")).toList()).as(run.err())
        .containsExactly("voice-agent: " + line);
    assertThat(run.err()).doesNotContain("Exception", "java.", "com.fasterxml", "\tat ");
  }

  private Path notAFolder() throws Exception {
    return Files.writeString(dir.resolve("notes.txt"), "a file, not a folder");
  }

  private Path silence(String name) throws Exception {
    byte[] pcm = new byte[16_000 * 2 * 2];
    Path wav = dir.resolve(name);
    Files.write(wav, WavHeader.pcm16Mono(16_000, pcm.length));
    Files.write(wav, pcm, java.nio.file.StandardOpenOption.APPEND);
    return wav;
  }

  /** Nothing in the folder but what the test put there: no WAV, no temporary file. */
  private void assertNoAudioLeft(Path... kept) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(f -> !java.util.Arrays.asList(kept).contains(f))).isEmpty();
    }
  }

  @Test
  void anEmptyQuestionIsRefused() throws Exception {
    Path notes = notAFolder();
    for (String question : new String[] {"", " "}) {
      assertOneLine(run("ask", question, "--llm", "demo", "--out", dir.resolve("e.wav").toString()),
          2, "nothing to ask: QUESTION is empty");
    }
    assertNoAudioLeft(notes);
  }

  @Test
  void anUnwritableOutIsRefusedBeforeAnythingStarts() throws Exception {
    Path notes = notAFolder();
    Path recording = silence("q.wav");
    String out = notes.resolve("x.wav").toString();
    String why = "cannot write " + out + ": not a directory";
    assertOneLine(run("ask", "Hi", "--llm", "demo", "--out", out), 2, why);
    assertOneLine(run("say", "Hi", "--out", out), 2, why);
    assertOneLine(run("chat", "--in", recording.toString(), "--llm", "demo", "--out", out), 2, why);
    assertOneLine(run("say", "Hi", "--out", dir.toString()), 2, "cannot write " + dir + ": it is a directory");
    assertNoAudioLeft(notes, recording);
  }

  @Test
  void anUnwritableEventLogSaysWhy() throws Exception {
    Path notes = notAFolder();
    String events = notes.resolve("events.jsonl").toString();
    assertOneLine(run("ask", "Hi", "--llm", "demo", "--events", events, "--out", dir.resolve("a.wav").toString()),
        2, "cannot write events to " + events + ": " + notes + " is not a directory");
    assertNoAudioLeft(notes);
  }

  @Test
  void nothingToSayIsRefused() throws Exception {
    assertOneLine(run("say", "", "--out", dir.resolve("e.wav").toString()), 2, "nothing to say: TEXT is empty");
    assertOneLine(run("say", "--out", dir.resolve("e.wav").toString()), 2,
        "nothing to say: standard input is empty (give TEXT, or pipe the text in)");
    assertNoAudioLeft();
  }

  @Test
  void aFailedAnswerLeavesNoFileAndAnEarlierOneUntouched() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Path earlier = Files.writeString(dir.resolve("x5.wav"), "an earlier answer");
    CliRun run = run("ask", "Hi", "--llm", "openai", "--llm-base-url", "http://127.0.0.1:" + closedPort + "/v1",
        "--max-retries", "0", "--out", earlier.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("voice-agent: cannot reach http://127.0.0.1:" + closedPort);
    assertThat(Files.readString(earlier)).isEqualTo("an earlier answer");
    assertNoAudioLeft(earlier);
  }

  @Test
  void aRecordingWithoutSpeechSaysSoAndLeavesNoFile() throws Exception {
    Path recording = silence("silence.wav");
    CliRun run = run("chat", "--in", recording.toString(), "--stt", "pocketsphinx", "--llm", "demo",
        "--out", dir.resolve("c.wav").toString());
    assertOneLine(run, 1, "no speech was heard in " + recording + " (nothing to answer)");
    assertNoAudioLeft(recording);
  }

  @Test
  void aMissingOrBrokenRecordingIsOneLine() throws Exception {
    Path missing = dir.resolve("missing.wav");
    assertOneLine(run("chat", "--in", missing.toString(), "--llm", "demo", "--out", dir.resolve("c.wav").toString()),
        2, "cannot read " + missing + ": no such file");
    byte[] noise = new byte[4096];
    new java.util.Random(7).nextBytes(noise);
    Path random = Files.write(dir.resolve("random-bytes.wav"), noise);
    assertOneLine(run("chat", "--in", random.toString(), "--llm", "demo", "--out", dir.resolve("c.wav").toString()),
        2, "cannot read " + random + ": not a WAV file (no RIFF/WAVE header)");
    assertNoAudioLeft(random);
  }

  @Test
  void anUnknownProviderIsABadOption() throws Exception {
    assertOneLine(run("ask", "Hi", "--llm", "nosuch", "--out", dir.resolve("a.wav").toString()), 2,
        "unknown --llm 'nosuch': choose one of auto, openai, anthropic, ollama, bedrock, llamacpp, demo");
    assertNoAudioLeft();
  }

  @Test
  void anUnknownEchoCancellerIsABadOption() throws Exception {
    Path question = silence("q.wav");
    assertOneLine(run("chat", "--in", question.toString(), "--aec", "webrtc", "--llm", "demo", "--out", dir.resolve("c.wav").toString()),
        2, "--aec must be auto, speex or off, was 'webrtc'");
    assertOneLine(run("serve", "--port", "0", "--aec", "loud", "--llm", "demo"), 2, "--aec must be auto, speex or off, was 'loud'");
    assertNoAudioLeft(question);
  }

  @Test
  void turnTakingValuesOutOfRangeAreBadOptions() throws Exception {
    Path question = silence("q.wav");
    assertOneLine(run("chat", "--in", question.toString(), "--speculative-ms", "5", "--llm", "demo", "--out",
        dir.resolve("c.wav").toString()), 2, "--speculative-ms must be 50..5000 ms, got 5");
    assertOneLine(run("chat", "--in", question.toString(), "--endpoint-ms", "0", "--llm", "demo", "--out",
        dir.resolve("c.wav").toString()), 2,
        "the end-of-utterance silence (--endpoint-ms, voice.endpoint_silence_ms) must be 50..5000 ms, got 0");
    assertOneLine(run("chat", "--in", question.toString(), "--end-of-turn", "magic", "--llm", "demo", "--out",
        dir.resolve("c.wav").toString()), 2, "--end-of-turn must be rules or silence, got 'magic'");
    assertOneLine(run("serve", "--port", "0", "--speculative-ms", "99999", "--llm", "demo"), 2,
        "--speculative-ms must be 50..5000 ms, got 99999");
    assertOneLine(run("bench", "--turn-taking", "--speculative-ms", "-1"), 2, "--speculative-ms must be 50..5000 ms, got -1");
    Path config = Files.writeString(dir.resolve("turns.yaml"), "voice:\n  speculative_ms: 10\n");
    assertOneLine(run("chat", "--in", question.toString(), "--config", config.toString(), "--llm", "demo", "--out",
        dir.resolve("c.wav").toString()), 2, "voice.speculative_ms in the config file must be 50..5000 ms, got 10");
    assertNoAudioLeft(question, config);
  }

  @Test
  void aMisspelledConfigKeyIsRefusedWithItsLineAndTheNearestKey() throws Exception {
    Path config = Files.writeString(dir.resolve("config.yaml"), "# mine\nllm:\n  provder: openai\n");
    assertOneLine(run("ask", "Hi", "--config", config.toString(), "--out", dir.resolve("a.wav").toString()), 2,
        "unknown key 'provder' at line 3 of " + config + "; did you mean 'provider'?");
    Path section = Files.writeString(dir.resolve("section.yaml"), "lm:\n  provider: openai\n");
    assertOneLine(run("ask", "Hi", "--config", section.toString()), 2,
        "unknown key 'lm' at line 1 of " + section + "; did you mean 'llm'?");
  }

  @Test
  void configSyntaxAndTypeErrorsHaveTheirLineAndNoClassNames() throws Exception {
    Path tab = Files.writeString(dir.resolve("tab.yaml"), "llm:\n\tprovider: openai\n");
    assertOneLine(run("ask", "Hi", "--config", tab.toString()), 2, "YAML syntax error at line 2 of " + tab
        + ": found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)");
    Path type = Files.writeString(dir.resolve("type.yaml"), "llm:\n  provider: openai\n  max_tokens: lots\n");
    assertOneLine(run("ask", "Hi", "--config", type.toString()), 2,
        "llm.max_tokens at line 3 of " + type + " must be a whole number, not 'lots'");
    Path flag = Files.writeString(dir.resolve("flag.yaml"), "voice:\n  half_duplex: maybe\n");
    assertOneLine(run("ask", "Hi", "--config", flag.toString()), 2,
        "voice.half_duplex at line 2 of " + flag + " must be true or false, not 'maybe'");
  }
}
