package voice.agent.ask;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.demo.PacedOpenAiServer;
import voice.audio.PcmAudio;
import voice.audio.wav.WavReader;
import voice.stt.WordErrorRate;

/** {@code voice-agent ask} end to end: a local OpenAI-format server, real MaryTTS, a real WAV file. */
class AskCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Vertx vertx;
  private static PacedOpenAiServer server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    vertx = Vertx.vertx();
    List<String> tokens = List.of("Paris", " is", " the", " capital", " of", " France.", " It", " lies", " on", " the", " river", " Seine.");
    server = new PacedOpenAiServer(vertx, tokens, 150, 20).start().await();
  }

  @AfterAll
  static void stopServer() {
    server.close().await();
    vertx.close().await();
  }

  @Test
  void answerIsSpokenToAWavFileWhileItStreams() throws Exception {
    Path wav = dir.resolve("answer.wav");
    Path events = dir.resolve("events.jsonl");
    // The model stops writing after its first sentence until the voice has started.
    CompletableFuture<Void> voiceStarted = new CompletableFuture<>();
    server.holdAfter(7, voiceStarted); // " It" proves the first sentence ended
    CompletableFuture<CliRun> ask = CompletableFuture.supplyAsync(() -> CliRun.of("ask", "What is the capital of France?",
        "--llm", "openai", "--llm-base-url", server.baseUrl(), "--llm-model", "qwen2.5",
        "--out", wav.toString(), "--events", events.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!voiceStarted.isDone() && !ask.isDone() && System.nanoTime() < deadline) {
      if (Files.exists(events) && Files.readString(events).contains("\"type\":\"audio.start\"")) {
        voiceStarted.complete(null);
      }
      Thread.sleep(20);
    }
    assertThat(voiceStarted).as("the voice started while the model was still writing").isDone();
    CliRun run = ask.get(60, TimeUnit.SECONDS);
    server.holdAfter(-1, CompletableFuture.completedFuture(null));
    assertThat(run.exitCode()).as(run.err()).isZero();

    PcmAudio audio = WavReader.read(wav);
    assertThat(audio.channels()).isEqualTo(1);
    assertThat(audio.durationMs()).as("two sentences of speech").isBetween(2000L, 12000L);

    List<Map<String, Object>> lines = readEvents(events);
    List<String> types = lines.stream().map(e -> (String) e.get("type")).toList();
    assertThat(types).contains("llm.request", "llm.text_delta", "tts.chunk", "audio.start", "audio.stop", "metrics");
    assertThat(types.indexOf("audio.start")).as("speech starts before generation ends")
        .isLessThan(types.indexOf("llm.message_stop"));
    Map<String, Object> request = lines.get(types.indexOf("llm.request"));
    assertThat(request).containsEntry("provider", "openai").containsEntry("model", "qwen2.5");
    Map<String, Object> metrics = lines.get(types.lastIndexOf("metrics"));
    assertThat(metrics).containsKeys("ttft_ms", "tps", "tbt_ms_p50", "tbt_ms_p95", "ttlt_ms", "ttfa_ms", "underruns");
    assertThat(((Number) metrics.get("ttfa_ms")).doubleValue()).isLessThan(((Number) metrics.get("ttlt_ms")).doubleValue());
    assertThat(types.stream().filter("tts.chunk"::equals).count()).as("spoken sentence by sentence").isGreaterThanOrEqualTo(2);
    for (Map<String, Object> line : lines) {
      assertThat(line).containsKeys("ts", "t_ms", "turn", "type");
    }
    assertThat(server.requestBodies().get(0)).contains("What is the capital of France?").contains("\"stream\":true");
  }

  @Test
  void whatIsSpokenIsWhatTheModelWrote() {
    Path wav = dir.resolve("spoken.wav");
    CliRun run = CliRun.of("ask", "Capital?", "--llm-base-url", server.baseUrl(), "--out", wav.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    CliRun heard = CliRun.of("transcribe", "--stt", "pocketsphinx", wav.toString());
    assertThat(heard.exitCode()).as(heard.err()).isZero();
    String transcript = heard.out().strip().split("\t", 2)[1];
    String written = "Paris is the capital of France. It lies on the river Seine.";
    double wer = WordErrorRate.of(written, transcript);
    System.out.println("spoken answer recognized as: " + transcript + " (WER " + wer + ")");
    assertThat(wer).as("PocketSphinx hears what the model wrote: " + transcript).isLessThanOrEqualTo(0.35);
    assertThat(transcript).contains("capital").contains("france");
  }

  @Test
  void wavStreamGoesToStdout() throws Exception {
    CliRun run = CliRun.of("ask", "Capital?", "--llm-base-url", server.baseUrl(), "--out", "-");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path wav = dir.resolve("stdout.wav");
    Files.write(wav, run.outBytes());
    assertThat(new String(run.outBytes(), 0, 4)).isEqualTo("RIFF");
    assertThat(WavReader.parse(run.outBytes()).durationMs()).isGreaterThan(1000L);
  }

  @Test
  void unreachableServerIsOneLineAndNonZero() {
    CliRun run = CliRun.of("ask", "Hello?", "--llm", "openai", "--llm-base-url", "http://127.0.0.1:9/v1",
        "--max-retries", "0", "--out", dir.resolve("x.wav").toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).startsWith("voice-agent: ").contains("127.0.0.1:9").doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void httpErrorsAndMalformedStreamsAreOneLineAndNonZero() {
    HttpServer broken = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().startsWith("/denied")) {
        request.response().setStatusCode(401).putHeader("content-type", "application/json")
            .end("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}");
      } else {
        request.response().putHeader("content-type", "text/event-stream").end("data: {not json\n\n");
      }
    }).listen(0, "127.0.0.1").await();
    try {
      String base = "http://127.0.0.1:" + broken.actualPort();
      CliRun denied = CliRun.of("ask", "Hi?", "--llm", "openai", "--llm-base-url", base + "/denied/v1", "--out", dir.resolve("d.wav").toString());
      assertThat(denied.exitCode()).isNotZero();
      assertThat(denied.err().strip()).startsWith("voice-agent: ").contains("401").contains("Incorrect API key")
          .doesNotContain("\n").doesNotContain("Exception");
      CliRun malformed = CliRun.of("ask", "Hi?", "--llm", "openai", "--llm-base-url", base + "/v1", "--out", dir.resolve("m.wav").toString());
      assertThat(malformed.exitCode()).isNotZero();
      assertThat(malformed.err().strip()).startsWith("voice-agent: ").doesNotContain("\n").doesNotContain("Exception");
    } finally {
      broken.close().await();
    }
  }

  @Test
  void noAudioDeviceIsOneLineAndNonZero() {
    CliRun run = CliRun.of("ask", "Hello?", "--llm-base-url", server.baseUrl());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).startsWith("voice-agent: no audio output device").doesNotContain("\n");
  }

  @Test
  void unknownOptionIsOneLine() {
    CliRun run = CliRun.of("ask", "--bogus", "Hello?");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).contains("--bogus").doesNotContain("\n");
  }

  private static List<Map<String, Object>> readEvents(Path file) throws Exception {
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> event = JSON.readValue(line, Map.class);
      lines.add(event);
    }
    return lines;
  }
}
