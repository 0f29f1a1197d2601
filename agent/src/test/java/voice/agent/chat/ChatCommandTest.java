package voice.agent.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.EventLines.all;
import static voice.agent.EventLines.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.PacedAudioStream;
import voice.audio.in.FileAudioSource;
import voice.core.audio.Pcm16;
import voice.agent.bench.SpokenAudio;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.tts.mary.MaryTtsEngine;

/**
 * A whole spoken conversation replayed from a recording: a question in the project's own voice
 * goes in through {@code chat --in}, is recognized by PocketSphinx, answered by a local
 * provider and spoken; a second utterance interrupts the answer.
 */
class ChatCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static PacedOpenAiServer server;
  private static Path recording;
  private static long interruptionAtMs;

  @TempDir static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    // Slow enough that the model is still writing when the user interrupts.
    server = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(45), 150, 5).start().await();
    SpokenAudio spoken = new SpokenAudio(MaryTtsEngine.start()).silence(600).say("What is the capital of France?").silence(6500);
    interruptionAtMs = spoken.positionMs();
    recording = spoken.say("Stop. Tell me about Berlin instead.").silence(2500).write(dir.resolve("conversation.wav"));
  }

  @AfterAll
  static void tearDown() {
    server.close().await();
    vertx.close().await();
  }

  @Test
  void recordedConversationIsAnsweredAndTheInterruptionStopsTheVoice() throws Exception {
    Path events = dir.resolve("events.jsonl");
    CliRun run = CliRun.of("chat", "--in", recording.toString(), "--llm", "openai", "--llm-base-url", server.baseUrl(),
        "--out", dir.resolve("answer.wav").toString(), "--realtime", "--events", events.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = read(events);

    List<String> finals = texts(lines, "stt.final");
    assertThat(finals).as("both utterances recognized").hasSizeGreaterThanOrEqualTo(2);
    assertThat(finals.get(0)).contains("capital").contains("france");
    // The answer was asked for at the question's last pause, with the words heard by then.
    List<String> commits = texts(lines, "turn.commit");
    assertThat(commits.get(0)).contains("capital").contains("france");
    assertThat(server.requestBodies().get(0)).contains(commits.get(0));

    JsonNode bargeIn = first(lines, "turn.bargein");
    JsonNode stopped = lines.stream()
        .filter(e -> e.path("type").asText().equals("audio.stop") && e.path("reason").asText().equals("bargein"))
        .findFirst().orElseThrow();
    assertThat(stopped.path("turn").asText()).isEqualTo(bargeIn.path("turn").asText());
    long captureStart = first(lines, "capture.start").path("t_ms").asLong();
    long stopLatency = stopped.path("t_ms").asLong() - (captureStart + interruptionAtMs);
    System.out.println("barge-in: voice stopped " + stopLatency + " ms after the interruption's onset");
    assertThat(stopLatency).as("voice stops within 400 ms of the interruption's onset").isBetween(0L, 400L);
    assertThat(server.lastClientCloseAt()).as("the upstream request was closed").isNotNaN();

    // The interruption's answer: the last request (abandoned speculative ones may come between).
    List<String> bodies = server.requestBodies();
    JsonNode secondRequest = JSON.readTree(bodies.get(bodies.size() - 1));
    String heard = assistantMessage(secondRequest);
    String fullAnswer = String.join("", ScriptedAnswer.tokens(45));
    assertThat(heard).as("history holds what was played").isNotBlank();
    assertThat(fullAnswer.replace(" ", "")).startsWith(heard.replace(" ", ""));
    assertThat(heard.length()).as("not what was never played").isLessThan(fullAnswer.length());
    assertThat(lastUserMessage(secondRequest)).isEqualTo(commits.get(commits.size() - 1));
    assertThat(firstUserMessage(secondRequest)).as("the history holds the question's final words")
        .isEqualTo(finals.get(0));

    List<JsonNode> metrics = all(lines, "metrics");
    assertThat(metrics.get(0).has("voice_to_voice_ms")).isTrue();
    assertThat(metrics.get(0).has("bargein_ms")).isTrue();
    assertThat(lines.get(lines.size() - 1).path("type").asText()).as("the last answer finished").isIn("metrics", "audio.stop");
  }

  @Test
  void rawAudioPipedInIsHeardAsItArrives() throws Exception {
    Path events = dir.resolve("stdin-events.jsonl");
    byte[] raw = Pcm16.bytes(FileAudioSource.readMono16k(recording));
    // As arecord would write it: in real time, in pieces that split samples, then the end of the stream.
    CliRun run = CliRun.withInput(new PacedAudioStream(raw, 999), "chat", "--in", "-", "--llm", "openai",
        "--llm-base-url", server.baseUrl(), "--out", dir.resolve("stdin-answer.wav").toString(), "--realtime",
        "--events", events.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = read(events);
    List<String> finals = texts(lines, "stt.final");
    assertThat(finals).as("both utterances recognized").hasSizeGreaterThanOrEqualTo(2);
    assertThat(finals.get(0)).contains("capital").contains("france");
    assertThat(all(lines, "turn.bargein")).as("the second utterance interrupted the answer").isNotEmpty();
    assertThat(all(lines, "stt.input_end")).as("the end of the stream ended the input").hasSize(1);
  }

  @Test
  void stdinWithAMicrophoneIsOneLine() {
    CliRun run = CliRun.of("chat", "--in", "-", "--input-device", "mic", "--llm-base-url", server.baseUrl(),
        "--out", dir.resolve("y.wav").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("voice-agent: ").contains("--in -").doesNotContain("\n");
  }

  @Test
  void missingRecordingIsOneLine() {
    CliRun run = CliRun.of("chat", "--in", dir.resolve("nope.wav").toString(), "--llm-base-url", server.baseUrl(),
        "--out", dir.resolve("x.wav").toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).startsWith("voice-agent: ").contains("nope.wav").doesNotContain("\n");
  }

  private static String assistantMessage(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      if (message.path("role").asText().equals("assistant")) {
        return message.path("content").asText();
      }
    }
    return "";
  }

  private static String lastUserMessage(JsonNode request) {
    String last = null;
    for (JsonNode message : request.path("messages")) {
      if (message.path("role").asText().equals("user")) {
        last = message.path("content").asText();
      }
    }
    return last;
  }

  private static String firstUserMessage(JsonNode request) {
    for (JsonNode message : request.path("messages")) {
      if (message.path("role").asText().equals("user")) {
        return message.path("content").asText();
      }
    }
    return null;
  }

  private static List<String> texts(List<JsonNode> lines, String type) {
    return all(lines, type).stream().map(e -> e.path("text").asText()).toList();
  }

  private static JsonNode first(List<JsonNode> lines, String type) {
    return all(lines, type).stream().findFirst().orElseThrow(() -> new AssertionError("no " + type + " event"));
  }
}
