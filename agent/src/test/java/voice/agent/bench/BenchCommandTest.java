package voice.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;

/**
 * {@code voice-agent bench} end to end, small: the local paced server, real MaryTTS, the real
 * pipeline. Timing goals are the benchmark's business; this checks that every figure is there
 * and that the figures relate as they must whatever the machine's speed.
 */
class BenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void smallBenchmarkReportsEveryFigure() throws Exception {
    Path jsonFile = dir.resolve("bench.json");
    Path events = dir.resolve("events.jsonl");
    CliRun run = CliRun.of("bench", "--runs", "1", "--tokens", "60", "--tokens-per-second", "100",
        "--conversation-runs", "1", "--json", jsonFile.toString(), "--events", events.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("bench: warming up").contains("bench: run 1/1");
    assertThat(run.out()).contains("| Streaming TTFA").contains("| Batch TTFA").contains("| Streaming / batch TTFA")
        .contains("| Streaming TTFA − floor").contains("Event-bus hop").contains("real-time factor")
        .contains("Load average");

    JsonNode report = JSON.readTree(jsonFile.toFile());
    assertThat(report.at("/settings/tokens").asInt()).isEqualTo(60);
    assertThat(report.at("/settings/runs").asInt()).isEqualTo(1);

    JsonNode streaming = report.get("streaming");
    for (String figure : BenchReport.STREAM_METRICS) {
      assertThat(streaming.get(figure)).as(figure).isNotNull();
      assertThat(streaming.get(figure).isNumber()).as(figure + " is a number").isTrue();
    }
    double ttft = streaming.get("ttft_ms").asDouble();
    double ttfa = streaming.get("ttfa_ms").asDouble();
    assertThat(ttft).isPositive();
    assertThat(ttfa).as("no audio before the first token").isGreaterThanOrEqualTo(ttft);
    assertThat(streaming.get("ttlt_ms").asDouble()).isGreaterThanOrEqualTo(ttft);
    assertThat(streaming.get("tps").asDouble()).isPositive();
    assertThat(streaming.get("tbt_ms_p95").asDouble()).isGreaterThanOrEqualTo(streaming.get("tbt_ms_p50").asDouble());
    // The answer streams at 100 tokens/s, many times faster than it is spoken: the sink never runs dry.
    assertThat(streaming.get("underruns").asInt()).as("underruns").isZero();
    assertThat(streaming.get("underruns_max").asInt()).as("underruns in the worst run").isZero();

    JsonNode batch = report.get("batch");
    double batchTtfa = batch.get("ttfa_ms").asDouble();
    assertThat(batchTtfa).as("batch speaks only after the whole answer arrived")
        .isGreaterThanOrEqualTo(batch.get("ttlt_ms").asDouble());
    assertThat(batch.get("ttlt_ms").asDouble()).isGreaterThanOrEqualTo(batch.get("ttft_ms").asDouble());
    assertThat(report.get("ratio").asDouble()).isCloseTo(ttfa / batchTtfa, within(0.001));

    JsonNode conversation = report.get("conversation");
    assertThat(conversation.get("recognized").toString()).as("the spoken question was heard").contains("capital");
    assertThat(conversation.get("voice_to_voice_ms").asDouble()).as("answer audio after the question ended").isPositive();
    assertThat(conversation.get("bargein_ms").isNumber()).as("the interruption stopped the voice").isTrue();
    assertThat(conversation.get("runs").asInt()).as("one conversation run, interrupted once").isEqualTo(1);
    assertThat(run.out()).contains("| Voice-to-voice").contains("| Barge-in");

    JsonNode floor = report.get("floor");
    assertThat(floor.get("tts_first_chunk_ms").asDouble()).isPositive();
    assertThat(floor.get("first_chunk_tokens_ms").asDouble()).as("the first chunk waits for its tokens").isPositive();
    assertThat(floor.get("ttft_ms").asDouble()).isEqualTo(ttft);
    assertThat(floor.get("floor_ms").asDouble()).isCloseTo(floor.get("ttft_ms").asDouble()
        + floor.get("first_chunk_tokens_ms").asDouble() + floor.get("tts_first_chunk_ms").asDouble(), within(0.3));
    assertThat(floor.get("gap_ms").asDouble()).isCloseTo(ttfa - floor.get("floor_ms").asDouble(), within(0.3));

    JsonNode hops = report.get("bus_hop");
    for (String kind : new String[] {"text_chunk", "audio_chunk"}) {
      assertThat(hops.get(kind + "_ms_p50").asDouble()).as(kind).isPositive();
      assertThat(hops.get(kind + "_ms_p95").asDouble()).as(kind).isGreaterThanOrEqualTo(hops.get(kind + "_ms_p50").asDouble());
    }
    assertThat(hops.get("messages_each").asInt()).as("bus-hop messages").isEqualTo(Benchmark.HOP_MESSAGES);

    JsonNode tts = report.get("tts");
    assertThat(tts.get("audio_seconds").asDouble()).isPositive();
    assertThat(tts.get("real_time_factor").asDouble())
        .isCloseTo(tts.get("synthesis_seconds").asDouble() / tts.get("audio_seconds").asDouble(), within(0.01));

    JsonNode first = report.at("/runs/0");
    String answer = String.join("", ScriptedAnswer.tokens(60));
    assertThat(first.at("/streaming/tokens").asInt()).as("every token reached the pipeline").isEqualTo(60);
    assertThat(answer).startsWith(first.at("/streaming/first_chunk").asText());
    assertThat(answer).startsWith(first.at("/batch/first_chunk").asText());
    assertThat(Files.readString(events)).contains("\"type\":\"audio.start\"").contains("\"type\":\"metrics\"");
  }

  @Test
  void llmOptionMeasuresTheConfiguredProviderInstead() throws Exception {
    Vertx vertx = Vertx.vertx();
    PacedOpenAiServer provider = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(40), 50, 200).start().await();
    try {
      Path jsonFile = dir.resolve("provider.json");
      CliRun run = CliRun.of("bench", "--runs", "1", "--llm", "openai", "--llm-base-url", provider.baseUrl(),
          "--llm-model", "provider-model", "--prompt", "Describe Paris.", "--tail-seconds", "0", "--conversation-runs", "0",
          "--json", jsonFile.toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("Provider openai, model provider-model at " + provider.baseUrl());

      JsonNode report = JSON.readTree(jsonFile.toFile());
      assertThat(report.at("/settings/provider").asText()).isEqualTo("openai");
      assertThat(report.at("/settings/url").asText()).isEqualTo(provider.baseUrl());
      assertThat(report.at("/runs/0/streaming/tokens").asInt()).as("the provider's answer, not the local one").isEqualTo(40);
      assertThat(provider.requestBodies()).as("streamed and batch requests").hasSize(2)
          .allSatisfy(body -> assertThat(body).contains("Describe Paris.").contains("provider-model"));
    } finally {
      provider.close().await();
      vertx.close().await();
    }
  }

  @Test
  void badSettingsGiveOneClearLine() {
    CliRun runs = CliRun.of("bench", "--runs", "0");
    assertThat(runs.exitCode()).isNotZero();
    assertThat(runs.err().strip()).isEqualTo("voice-agent: --runs must be at least 1, got 0");

    CliRun pace = CliRun.of("bench", "--tokens-per-second", "0");
    assertThat(pace.exitCode()).isNotZero();
    assertThat(pace.err().strip()).isEqualTo("voice-agent: --tokens-per-second must be a positive number, got 0.0");

    CliRun answers = CliRun.of("bench", "--room", "--answers", "0");
    assertThat(answers.exitCode()).isEqualTo(2);
    assertThat(answers.err().strip()).isEqualTo("voice-agent: --answers must be at least 1, got 0");

    CliRun aec = CliRun.of("bench", "--room", "--aec", "loud");
    assertThat(aec.exitCode()).isEqualTo(2);
    assertThat(aec.err().strip()).isEqualTo("voice-agent: --aec must be auto, speex or off, was 'loud'");

    CliRun unknown = CliRun.of("bench", "--no-such-option");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.err().lines().count()).isEqualTo(1);
  }
}
