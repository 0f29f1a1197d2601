package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.config.AgentConfig;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.server.guard.GuardrailRules;
import voice.core.event.MonotonicClock;

/** Guardrails applied mid-stream by the proxy: redaction across tokens, a blocked term, a length limit. */
class GuardrailProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "{\"model\":\"x\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":\"Who do I ask?\"}]}";
  /** The model's answer, split the way a tokenizer might split it. */
  private static final List<String> TOKENS = List.of("Sure", ", write", " to jo", "hn.do", "e@exa", "mple.c", "om or",
      " call", " +1 555", " 123", " 45", "67", ". The", " pass", "word", " is", " hunter2", ".");

  @TempDir static Path dir;
  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer redacting;
  private static AgentServer short20;
  private static final CompletableFuture<Void> NEVER = new CompletableFuture<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, TOKENS, 10, 200);
    upstream.holdAfter(TOKENS.size() - 1, NEVER); // the provider would go on: only a cancel closes it
    redacting = TestServers.start(ServerSettings.defaults()
        .withGuardrails(GuardrailRules.from(new AgentConfig.Guardrails(List.of("password"), List.of("email", "phone"), null)))
        .withTranscript(dir.resolve("redacting.jsonl"), 1 << 20), upstream);
    short20 = TestServers.start(ServerSettings.defaults()
        .withGuardrails(GuardrailRules.from(new AgentConfig.Guardrails(null, null, 20)))
        .withTranscript(dir.resolve("short.jsonl"), 1 << 20), upstream);
  }

  @AfterAll
  static void stop() {
    NEVER.complete(null);
    redacting.close();
    short20.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void redactsAcrossTokensAndABlockedTermEndsTheStreamAndCancelsUpstream() throws Exception {
    double before = MonotonicClock.millisPrecise();
    var response = Http.post(redacting.url() + "/v1/chat/completions", null, BODY.formatted("true"));
    assertThat(response.statusCode()).isEqualTo(200);
    StringBuilder text = new StringBuilder();
    String finish = null;
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: {")) {
        JsonNode choice = JSON.readTree(line.substring(6)).at("/choices/0");
        text.append(choice.at("/delta/content").asText(""));
        finish = choice.at("/finish_reason").isTextual() ? choice.at("/finish_reason").asText() : finish;
      }
    }
    assertThat(text.toString()).isEqualTo("Sure, write to [email redacted] or call [phone redacted]. The ");
    assertThat(finish).isEqualTo("content_filter");
    assertThat(response.body()).endsWith("data: [DONE]\n\n");
    Eventually.await("the upstream request to be cancelled", 10, () -> upstream.lastClientCloseAt() > before);

    Path log = dir.resolve("redacting.jsonl");
    Eventually.await("the transcript line", 10, () -> size(log) > 0);
    JsonNode entry = JSON.readTree(Files.readAllLines(log).get(0));
    assertThat(entry.get("outcome").asText()).isEqualTo("blocked");
    assertThat(entry.get("answer").asText()).isEqualTo(text.toString());
    assertThat(entry.get("redactions").asInt()).isEqualTo(2);
    assertThat(entry.get("stop_reason").asText()).isEqualTo("content_filter");
    assertThat(Files.readString(log)).doesNotContain("john.doe").doesNotContain("hunter2");
  }

  @Test
  void theLengthLimitEndsTheAnswerWithFinishReasonLength() throws Exception {
    double before = MonotonicClock.millisPrecise();
    var response = Http.post(short20.url() + "/v1/chat/completions", null, BODY.formatted("false"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode choice = JSON.readTree(response.body()).at("/choices/0");
    String content = choice.at("/message/content").asText();
    assertThat(content).hasSizeLessThanOrEqualTo(20).isEqualTo("Sure, write to jo");
    assertThat(choice.at("/finish_reason").asText()).isEqualTo("length");
    Eventually.await("the upstream request to be cancelled", 10, () -> upstream.lastClientCloseAt() > before);
    Path log = dir.resolve("short.jsonl");
    Eventually.await("the transcript line", 10, () -> size(log) > 0);
    assertThat(JSON.readTree(Files.readAllLines(log).get(0)).get("outcome").asText()).isEqualTo("length");
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
