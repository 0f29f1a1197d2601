package voice.agent.satellite;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.EventLines.all;
import static voice.agent.EventLines.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.ServeOutput;
import voice.agent.bench.SpokenAudio;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.tts.SpeechEngine;
import voice.tts.mary.MaryTtsEngine;

/**
 * {@code chat --server}: the satellite against a real {@code serve} process on 127.0.0.1 (its
 * model a local OpenAI-format server with a two-sentence answer), with recordings in MaryTTS's
 * voice. The satellite hears the wake word locally, sends the question, plays the answer into a
 * WAV file, and stops it at once when spoken over. One {@code serve} serves every test.
 */
class SatelliteTest {
  private static final String KEY = "satellite-test-key";
  /** Two sentences, about 10 s of speech: still playing when the interruption comes. */
  private static final int ANSWER_TOKENS = 30;
  private static Vertx vertx;
  private static PacedOpenAiServer model;
  private static Process serve;
  private static int servePort;
  private static String voiceUrl;
  private static Path conversation;
  private static Path question;

  @TempDir static Path dir;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    model = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(ANSWER_TOKENS), 300, 25).start().await();
    Path serveErr = dir.resolve("serve-err.txt");
    serve = startServe(serveErr); // loads its voice and recognizer while the recordings are made here
    SpeechEngine voice = MaryTtsEngine.start();
    conversation = new SpokenAudio(voice)
        .silence(2000).say("The weather is fine today.")              // not addressed: never sent
        .silence(1500).say("Hey computer. What is the capital of France?")
        .silence(4500).say("Tell me about Berlin instead.")           // over the answer, one sentence: no pause inside ends the turn early
        .silence(2000).write(dir.resolve("conversation.wav"));
    // Long enough before the question for a dropped connection to be made again.
    question = new SpokenAudio(voice).silence(2500).say("What is the capital of France?")
        .silence(1500).write(dir.resolve("question.wav"));
    servePort = ServeOutput.port(serve, serveErr);
    voiceUrl = "ws://127.0.0.1:" + servePort + "/v1/voice";
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (serve != null) {
      serve.destroy();
      serve.waitFor(20, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void theAddressedQuestionIsAnsweredHereAndSpeakingOverTheAnswerStopsItAtOnce() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Path answer = dir.resolve("answer.wav");
    CliRun run = CliRun.of("chat", "--server", voiceUrl, "--api-key", KEY, "--in", conversation.toString(),
        "--wake-word", "hey computer", "--out", answer.toString(), "--realtime", "--events", events.toString());
    List<JsonNode> lines = read(events);
    lines.stream().filter(e -> !e.path("type").asText().matches("llm.text_delta|tts.chunk"))
        .forEach(e -> System.out.println("  " + e.path("t_ms") + " " + e.path("type").asText() + " "
            + e.path("turn").asText() + " " + e.path("text").asText() + e.path("reason").asText() + e.path("message").asText()));
    assertThat(run.exitCode()).as(run.err() + Files.readString(dir.resolve("serve-err.txt"))).isZero();

    assertThat(all(lines, "wake.detected")).hasSize(1);
    List<String> finals = all(lines, "stt.final").stream().map(e -> e.path("text").asText()).toList();
    assertThat(finals).as("the server heard the two addressed utterances, not the first").hasSize(2);
    assertThat(finals.get(0)).contains("capital").contains("france").doesNotContain("weather").doesNotContain("computer");
    // The whole interruption: the server's echo gate once turned its end down as the answer's echo.
    assertThat(finals.get(1)).contains("tell").contains("berlin");

    // Local playback of the first answer stopped for the interruption, and the server was told.
    JsonNode firstStop = first(lines, "audio.stop");
    assertThat(firstStop.path("reason").asText()).isEqualTo("bargein");
    String firstTurn = firstStop.path("turn").asText();
    List<Integer> speechStarts = indexes(lines, "vad.speech_start");
    JsonNode interruption = lines.get(speechStarts.get(speechStarts.size() - 1));
    System.out.println("satellite: local playback stopped " + (firstStop.path("t_ms").asLong() - interruption.path("t_ms").asLong())
        + " ms after the interruption's speech start");
    assertThat(lines.stream().anyMatch(e -> e.path("type").asText().equals("turn.cancelled")
        && e.path("turn").asText().equals(firstTurn))).as("the server cancelled its turn").isTrue();
    assertThat(all(lines, "audio.start")).as("the second answer was played too").hasSize(2);
    assertThat(Files.size(answer)).as("answer audio in the WAV").isGreaterThan(48_000 * 2);
  }

  @Test
  void anUnreachableServerIsOneLineAfterRetrying() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CliRun run = CliRun.of("chat", "--server", "ws://127.0.0.1:" + closedPort + "/v1/voice", "--in", question.toString(),
        "--out", dir.resolve("x.wav").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("voice-agent: cannot reach the server at ws://127.0.0.1:" + closedPort
        + "/v1/voice: connection refused\n");
  }

  @Test
  void aRefusedKeyIsOneLine() {
    CliRun run = CliRun.of("chat", "--server", voiceUrl, "--api-key", "wrong", "--in", question.toString(),
        "--out", dir.resolve("x.wav").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("voice-agent: the server at " + voiceUrl + " refused the API key (HTTP 401)\n");
  }

  @Test
  void aBadServerUrlOrAKeyWithoutServerExits2() {
    CliRun bad = CliRun.of("chat", "--server", "http://127.0.0.1:1/v1/voice", "--in", question.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("voice-agent: --server must be ws://").doesNotContain("\n\n");
    CliRun keyAlone = CliRun.of("chat", "--api-key", "k", "--in", question.toString());
    assertThat(keyAlone.exitCode()).isEqualTo(2);
    assertThat(keyAlone.err()).isEqualTo("voice-agent: --api-key needs --server\n");
  }

  @Test
  void aServerThatGoesAwayInTheMiddleOfAnAnswerIsOneLine() throws Exception {
    try (CuttingProxy proxy = new CuttingProxy(servePort, "\"audio.start\"")) {
      String url = "ws://127.0.0.1:" + proxy.port() + "/v1/voice";
      // The answer is being played here: then the connection to the server goes.
      CliRun run = CliRun.of("chat", "--server", url, "--api-key", KEY, "--in", question.toString(),
          "--out", dir.resolve("y.wav").toString(), "--realtime");
      assertThat(proxy.cut.get()).isEqualTo(1);
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("voice-agent: the server at " + url + " closed the connection in the middle of an answer\n");
    }
  }

  @Test
  void aConnectionDroppedBetweenAnswersIsMadeAgain() throws Exception {
    try (CuttingProxy proxy = new CuttingProxy(servePort, "session.start")) {
      String url = "ws://127.0.0.1:" + proxy.port() + "/v1/voice";
      Path events = dir.resolve("reconnect.jsonl");
      // The first connection is dropped right after its session starts, long before the question.
      CliRun run = CliRun.of("chat", "--server", url, "--api-key", KEY, "--in", question.toString(),
          "--out", dir.resolve("z.wav").toString(), "--events", events.toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(proxy.cut.get()).isEqualTo(1);
      assertThat(proxy.connections.get()).isEqualTo(2);
      assertThat(run.out()).contains("(connection to " + url + " lost: reconnecting)");
      assertThat(all(read(events), "stt.final")).singleElement()
          .satisfies(e -> assertThat(e.path("text").asText()).contains("capital").contains("france"));
    }
  }

  private static Process startServe(Path err) throws Exception {
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "voice.agent.Main", "serve", "--port", "0",
        "--llm", "openai", "--llm-base-url", model.baseUrl(), "--llm-model", "scripted");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().put("VOICE_AGENT_API_KEYS", KEY);
    return builder.start();
  }

  private static JsonNode first(List<JsonNode> lines, String type) {
    return all(lines, type).stream().findFirst().orElseThrow(() -> new AssertionError("no " + type));
  }

  private static List<Integer> indexes(List<JsonNode> lines, String type) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).path("type").asText().equals(type)) {
        at.add(i);
      }
    }
    return at;
  }
}
