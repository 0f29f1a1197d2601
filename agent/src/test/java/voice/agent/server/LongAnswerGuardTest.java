package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import voice.agent.config.AgentConfig;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.server.guard.GuardrailRules;

/**
 * A 40 000-character answer with no separator (the worst case for redaction) through the real
 * proxy with the guardrails on: it completes whole, and no event loop of the server is blocked
 * long enough for Vert.x's blocked-thread checker to say so (it did for 20 s before).
 */
class LongAnswerGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOCKED_CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
  private static final List<String> TOKENS = List.of("a".repeat(10_000), "a".repeat(10_000), "a".repeat(10_000),
      "a".repeat(10_000), ".");

  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;
  private static final ListAppender<ILoggingEvent> BLOCKED = new ListAppender<>();

  @BeforeAll
  static void start() {
    BLOCKED.start();
    ((Logger) LoggerFactory.getLogger(BLOCKED_CHECKER)).addAppender(BLOCKED);
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, TOKENS, 10, 20);
    server = TestServers.start(ServerSettings.defaults().withGuardrails(GuardrailRules.from(
        new AgentConfig.Guardrails(List.of("password"), List.of("email", "phone"), null))), upstream);
  }

  @AfterAll
  static void stop() {
    ((Logger) LoggerFactory.getLogger(BLOCKED_CHECKER)).detachAppender(BLOCKED);
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void aFortyThousandCharacterAnswerCompletesWithoutBlockingAnEventLoop() throws Exception {
    var response = Http.post(server.url() + "/v1/chat/completions", null,
        "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"Scream.\"}]}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).at("/choices/0/message/content").asText())
        .isEqualTo(String.join("", TOKENS));
    assertThat(Http.get(server.url() + "/health", null).statusCode()).isEqualTo(200);
    assertThat(BLOCKED.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }
}
