package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.server.VoiceClient.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.demo.PacedOpenAiServer;

/** What a browser, a key guesser and a greedy key meet: origins, headers, the log-in cookie, per-key caps. */
class BrowserAndKeyLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHAT = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail jöhn@exämple.de or call 555-1234.\"}]}";

  @TempDir static Path dir;
  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;
  private static Path transcript;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, List.of("Sure", "."), 10, 200);
    transcript = dir.resolve("t.jsonl");
    server = TestServers.start(ServerSettings.defaults()
        .withAccess(List.of("k-main", "k-greedy", "k-other", "k-bad"), 0, 3)
        .withTranscript(transcript, 1 << 20)
        .withConversation(voice.core.turn.TurnOptions.defaults(), voice.stt.SttOptions.DEFAULT, "bench-model")
        .withLimits(ServerLimits.defaults().withPerKey(1, 5, 5).withAllowedOrigins(List.of("https://app.example"))),
        upstream);
    assertThat(Http.get(server.url() + "/health", null).statusCode()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void thePageIsPublicAndSendsTheSecurityHeaders() throws Exception {
    HttpResponse<String> page = Http.get(server.url() + "/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"login\"").doesNotContain("<script>").doesNotContain("<style>");
    assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
        .contains("default-src 'none'").contains("script-src 'self'").contains("frame-ancestors 'none'");
    assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
    assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
    assertThat(Http.get(server.url() + "/metrics?access_token=k-main", null).statusCode())
        .as("a key in the URL is not accepted").isEqualTo(401);
  }

  @Test
  void theLogInCookieIsHttpOnlySameSiteAndOpensTheApi() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/session"))
        .header("content-type", "application/json").header("origin", server.url())
        .POST(HttpRequest.BodyPublishers.ofString("{\"api_key\":\"k-main\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(204);
    assertThat(login.headers().firstValue("set-cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
    HttpResponse<String> models = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/models")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(models.statusCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(models.body());
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.at("/data/0/id").asText()).isEqualTo("bench-model");
    assertThat(list.at("/data/0/object").asText()).isEqualTo("model");
    assertThat(Http.get(server.url() + "/v1/models", null).statusCode()).as("without the cookie").isEqualTo(401);
  }

  @Test
  void crossSitePostsAndWebSocketsAreRefusedAndAllowedOriginsLetIn() throws Exception {
    String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nOrigin: %s\r\n"
        + "Authorization: Bearer k-main\r\nContent-Type: text/plain\r\nContent-Length: " + CHAT.getBytes("UTF-8").length
        + "\r\nConnection: close\r\n\r\n" + CHAT;
    assertThat(RawHttp.exchange("127.0.0.21", server.port(), request.formatted("http://evil.example")))
        .startsWith("HTTP/1.1 403").contains("origin_not_allowed");
    assertThat(RawHttp.exchange("127.0.0.21", server.port(), request.formatted("https://app.example")))
        .startsWith("HTTP/1.1 200");
    assertThat(RawHttp.exchange("127.0.0.21", server.port(), request.formatted(server.url())))
        .startsWith("HTTP/1.1 200");
    var webSockets = vertx.createWebSocketClient(); // held: Vert.x closes an unreferenced client
    var refused = webSockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1")
        .setPort(server.port()).setURI("/v1/voice").addHeader("origin", "http://evil.example")
        .addHeader("authorization", "Bearer k-other")).toCompletionStage().toCompletableFuture();
    assertThat(refused).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingRootCause()
        .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));
    webSockets.close().await();
  }

  @Test
  void theTranscriptIsRedactedAndOnlyItsOwnerMayReadIt() throws Exception {
    assertThat(Http.post(server.url() + "/v1/chat/completions", "k-main", CHAT).statusCode()).isEqualTo(200);
    Eventually.await("the transcript line", 20, () -> transcript.toFile().length() > 0);
    String line = Files.readString(transcript);
    assertThat(line).contains("[email redacted]").contains("[phone redacted]")
        .doesNotContain("jöhn").doesNotContain("555-1234");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(transcript))).isEqualTo("rw-------");
  }

  @Test
  void wrongKeysFromOneAddressAreThrottledWith429AndRetryAfter() throws Exception {
    String request = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n";
    for (int i = 0; i < 5; i++) {
      assertThat(RawHttp.exchange("127.0.0.22", server.port(), request.formatted("guess-" + i))).startsWith("HTTP/1.1 401");
    }
    String throttled = RawHttp.exchange("127.0.0.22", server.port(), request.formatted("guess-5"));
    assertThat(throttled).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after:").contains("auth_throttled");
    assertThat(RawHttp.exchange("127.0.0.22", server.port(), request.formatted("k-main")))
        .as("even the right key, while throttled").startsWith("HTTP/1.1 429");
    assertThat(RawHttp.exchange("127.0.0.23", server.port(), request.formatted("k-main")))
        .as("another address").startsWith("HTTP/1.1 200");
  }

  @Test
  void oneKeyCannotTakeEverySessionSlot() throws Exception {
    try (VoiceClient first = VoiceClient.open(vertx, server.port(), "k-greedy")) {
      var second = VoiceClient.connect(vertx, server.port(), "k-greedy").toCompletionStage().toCompletableFuture();
      assertThat(second).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingRootCause()
          .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(429));
      try (VoiceClient other = VoiceClient.open(vertx, server.port(), "k-other")) {
        assertThat(other.ofType("session.start")).hasSize(1);
      }
      assertThat(first.isClosed()).isFalse();
    }
  }

  @Test
  void badMessagesPastTheLimitCloseTheSocketWith1008() throws Exception {
    try (VoiceClient bad = VoiceClient.open(vertx, server.port(), "k-bad")) {
      for (int i = 0; i < 20 && !bad.isClosed(); i++) {
        bad.sendText("{not json " + i);
      }
      bad.await("the limit's error", e -> "too_many_bad_messages".equals(e.getString("error_type")));
      Eventually.await("the close", 20, bad::isClosed);
      assertThat(bad.closeStatus()).isEqualTo((short) 1008);
      assertThat(bad.ofType("error")).filteredOn(e -> "bad_json".equals(e.getString("error_type"))).hasSize(5);
    }
  }

  @Test
  void aMessageOverOneMebibyteGetsAnErrorEventAndClose1009() throws Exception {
    try (VoiceClient big = VoiceClient.open(vertx, server.port(), "k-main")) {
      big.sendBinary(new byte[1_500_000]);
      JsonObject error = big.await("message_too_large", e -> "message_too_large".equals(e.getString("error_type")));
      assertThat(error.getString("message")).contains("1009");
      Eventually.await("the close", 20, big::isClosed);
      assertThat(big.closeStatus()).isEqualTo((short) 1009);
    }
  }
}
