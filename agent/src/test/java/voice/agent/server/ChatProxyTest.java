package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.demo.PacedOpenAiServer;
import voice.core.event.MonotonicClock;

/** The OpenAI-compatible proxy with auth and a rate limit on, against a local provider. */
class ChatProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BODY = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]%s}";
  private static final String ANSWER = "Hello from the proxy.";

  @TempDir static Path dir;
  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;
  private static Path transcript;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, List.of("Hello", " from", " the", " proxy", "."), 20, 100);
    transcript = dir.resolve("transcripts.jsonl");
    server = TestServers.start(ServerSettings.defaults()
        .withAccess(List.of("k-node", "k-java", "k-limit", "k-disconnect"), 5, 4)
        .withTranscript(transcript, 1 << 20), upstream);
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void theOfficialOpenAiClientStreamsAndGets401And429() throws Exception {
    String out = NodeScripts.run("openai-client.mjs", server.url() + "/v1", "k-node", "k-limit");
    JsonNode result = JSON.readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(result.at("/stream/text").asText()).isEqualTo(ANSWER);
    assertThat(result.at("/stream/finish").asText()).isEqualTo("stop");
    assertThat(result.at("/stream/chunks").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(result.at("/stream/usage/completion_tokens").asInt()).isEqualTo(5);
    assertThat(result.at("/whole/text").asText()).isEqualTo(ANSWER);
    assertThat(result.at("/whole/object").asText()).isEqualTo("chat.completion");
    assertThat(result.at("/unauthorized/status").asInt()).isEqualTo(401);
    assertThat(result.at("/unauthorized/name").asText()).isEqualTo("AuthenticationError");
    assertThat(result.at("/limited/status").asInt()).isEqualTo(429);
    assertThat(result.at("/limited/name").asText()).isEqualTo("RateLimitError");
    assertThat(result.at("/limited/after").asInt()).isEqualTo(5); // five per minute went through
    assertThat(result.at("/limited/retryAfter").asInt()).isPositive();
  }

  @Test
  void withoutATokenEveryEndpointButHealthAndThePageSays401() throws Exception {
    var denied = Http.post(server.url() + "/v1/chat/completions", null, BODY.formatted(""));
    assertThat(denied.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(denied.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(Http.get(server.url() + "/", null).statusCode()).as("the page, which asks for a key").isEqualTo(200);
    assertThat(Http.get(server.url() + "/v1/models", null).statusCode()).isEqualTo(401);
    assertThat(Http.get(server.url() + "/metrics", null).statusCode()).isEqualTo(401);
    assertThat(Http.get(server.url() + "/v1/voice", "wrong").statusCode()).isEqualTo(401);
    var health = Http.get(server.url() + "/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"ok\"");
  }

  @Test
  void streamFalseAnswersWithOneCompletionAndIsLogged() throws Exception {
    var response = Http.post(server.url() + "/v1/chat/completions", "k-java", BODY.formatted(",\"stream\":false"));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode completion = JSON.readTree(response.body());
    assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo(ANSWER);
    assertThat(completion.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(completion.at("/usage/completion_tokens").asInt()).isEqualTo(5);
    String id = completion.get("id").asText();

    Eventually.await("the transcript line", 10, () -> read(transcript).contains(ANSWER));
    JsonNode line = JSON.readTree(read(transcript).lines().filter(l -> l.contains(id.substring(9, 21))).findFirst().orElseThrow());
    assertThat(line.get("source").asText()).isEqualTo("http");
    assertThat(line.get("user").asText()).isEqualTo("Say hello.");
    assertThat(line.get("answer").asText()).isEqualTo(ANSWER);
    assertThat(line.get("outcome").asText()).isEqualTo("done");

    var metrics = Http.get(server.url() + "/metrics", "k-java");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("voice_agent_ttft_milliseconds_bucket{source=\"http\"")
        .contains("voice_agent_sessions_active").contains("voice_agent_errors_total{type=\"unauthorized\"}")
        .contains("vertx_http_server_requests_total");
  }

  @Test
  void badRequestsGetAClear400() throws Exception {
    var notJson = Http.post(server.url() + "/v1/chat/completions", "k-java", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).at("/error/message").asText()).contains("not valid JSON");
    var noMessages = Http.post(server.url() + "/v1/chat/completions", "k-java", "{\"model\":\"x\",\"messages\":[]}");
    assertThat(noMessages.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noMessages.body()).at("/error/message").asText()).contains("messages");
  }

  @Test
  void aClientThatHangsUpMidStreamClosesTheUpstreamRequest() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    upstream.holdAfter(2, gate); // the provider never finishes on its own
    double before = MonotonicClock.millisPrecise();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      String body = BODY.formatted(",\"stream\":true");
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k-disconnect\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
          + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      for (String line = in.readLine(); line != null && !seen.toString().contains(" from"); line = in.readLine()) {
        if (line.startsWith("data: {")) {
          seen.append(JSON.readTree(line.substring(6)).at("/choices/0/delta/content").asText());
        }
      }
      assertThat(seen.toString()).isEqualTo("Hello from");
    } finally {
      Eventually.await("the upstream connection to close", 10, () -> upstream.lastClientCloseAt() > before);
      upstream.holdAfter(-1, CompletableFuture.completedFuture(null));
      gate.complete(null);
    }
    Eventually.await("the cancelled turn in the transcript", 10, () -> read(transcript).contains("\"outcome\":\"cancelled\""));
    assertThat(read(transcript)).contains("\"answer\":\"Hello from\"");
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
