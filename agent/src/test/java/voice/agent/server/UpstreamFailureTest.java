package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.server.VoiceClient.type;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import voice.agent.server.upstream.UpstreamErrors;

/**
 * A provider that refuses the server's credentials, or is down, reached through a base URL
 * with a password in it: clients get a typed error and a request id, never the URL, the
 * password or the provider's words; the log has the story under the same id.
 */
class UpstreamFailureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "hunter2pass";
  private static final String UPSTREAM_WORDS = "Incorrect API key provided: sk-upstream-leak";
  private static final String BODY = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

  private static Vertx vertx;
  private static HttpServer upstream;
  private static volatile int upstreamStatus = 401;
  private static AgentServer server;
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = vertx.createHttpServer().requestHandler(request -> request.response().setStatusCode(upstreamStatus)
            .putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", new JsonObject().put("message", UPSTREAM_WORDS)
                .put("type", "invalid_request_error")).encode()))
        .listen(0, "127.0.0.1").await();
    LOG.start();
    ((Logger) LoggerFactory.getLogger(UpstreamErrors.class)).addAppender(LOG);
    server = TestServers.start(ServerSettings.defaults().withAccess(List.of("k-api", "k-turns"), 4, 4),
        "http://user:" + SECRET + "@127.0.0.1:" + upstream.actualPort() + "/v1");
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(UpstreamErrors.class)).detachAppender(LOG);
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void anUpstream401IsAnAuthenticationErrorAndA503IsUpstreamUnavailableWithoutDetails() throws Exception {
    for (int status : new int[] {401, 503}) {
      upstreamStatus = status;
      var response = Http.post(server.url() + "/v1/chat/completions", "k-api", BODY);
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body()).doesNotContain(SECRET).doesNotContain(Integer.toString(upstream.actualPort()))
          .doesNotContain("sk-upstream-leak").doesNotContain("127.0.0.1");
      JsonNode error = JSON.readTree(response.body()).get("error");
      assertThat(error.get("type").asText()).isEqualTo(status == 401 ? "authentication_error" : "upstream_unavailable");
      String requestId = response.headers().firstValue("x-request-id").orElseThrow();
      assertThat(error.get("message").asText()).contains(requestId);
      assertThat(LOG.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
          .contains(requestId).contains("HTTP " + status).contains("sk-upstream-leak").doesNotContain(SECRET));
    }
    String metrics = Http.get(server.url() + "/metrics", "k-api").body();
    assertThat(metrics).doesNotContain(":" + upstream.actualPort()).doesNotContain(SECRET);
  }

  @Test
  void voiceTurnsAreRateLimitedPerKeyAndTheirErrorsHideTheProvider() throws Exception {
    upstreamStatus = 401;
    try (VoiceClient client = VoiceClient.open(vertx, server.port(), "k-turns")) { // the upgrade is 1 of 4
      for (int turn = 1; turn <= 4; turn++) {
        int mark = client.events.size();
        client.sendText("{\"type\":\"text\",\"text\":\"Question " + turn + "\"}");
        JsonObject error = client.awaitAfter(mark, "llm.error of turn " + turn, type("llm.error"));
        assertThat(error.getString("error_type")).isEqualTo(turn <= 3 ? "authentication_error" : "rate_limit_error");
        assertThat(error.encode()).doesNotContain(SECRET).doesNotContain("sk-upstream-leak")
            .doesNotContain(Integer.toString(upstream.actualPort()));
      }
      assertThat(client.ofType("llm.request")).allSatisfy(e -> assertThat(e.containsKey("url")).isFalse());
    }
  }
}
