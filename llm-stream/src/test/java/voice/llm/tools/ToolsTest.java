package voice.llm.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.llm.testserver.ScriptedHttpServer;
import voice.llm.testserver.ScriptedHttpServer.Reply;

class ToolsTest {
  private static Vertx vertx;
  private static HttpClient http;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    http = vertx.createHttpClient();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void calculatorFollowsPrecedenceAndAssociativity() throws Exception {
    assertThat(ArithmeticExpression.evaluate("1 + 2 * 3")).isEqualTo(7);
    assertThat(ArithmeticExpression.evaluate("(1 + 2) * 3")).isEqualTo(9);
    assertThat(ArithmeticExpression.evaluate("2 ^ 3 ^ 2")).isEqualTo(512);
    assertThat(ArithmeticExpression.evaluate("-2 ^ 2")).isEqualTo(-4);
    assertThat(ArithmeticExpression.evaluate("2 ^ -1")).isEqualTo(0.5);
    assertThat(ArithmeticExpression.evaluate("10 - 4 - 3")).isEqualTo(3);
    assertThat(ArithmeticExpression.evaluate("100 / 10 / 5")).isEqualTo(2);
    assertThat(ArithmeticExpression.evaluate("17 % 5 * 2")).isEqualTo(4);
    assertThat(ArithmeticExpression.evaluate("--3 + +.5")).isEqualTo(3.5);
    assertThat(ArithmeticExpression.format(ArithmeticExpression.evaluate("0.1 + 0.2"))).isEqualTo("0.30000000000000004");
    assertThat(ArithmeticExpression.format(ArithmeticExpression.evaluate("3.50 * 2"))).isEqualTo("7");
    assertThat(ArithmeticExpression.format(1.25)).isEqualTo("1.25");
  }

  @Test
  void calculatorErrorsAreOneLine() {
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("1 / 0")).hasMessage("division by zero");
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("(1 + 2")).hasMessage("missing ')' at position 7");
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("2 * x")).hasMessage("unexpected 'x' at position 5");
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("3 +")).hasMessage("the expression ends where a number was expected");
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("1.2.3")).hasMessage("'1.2.3' is not a number");
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("4 4")).hasMessage("unexpected '4' at position 3");
    assertThatThrownBy(() -> ArithmeticExpression.evaluate("10 ^ 400")).hasMessage("the result is not a finite number");
  }

  @Test
  void toolboxTurnsEveryProblemIntoAnErrorResult() throws Exception {
    Toolbox box = Toolbox.of(BuiltinTools.ALL, http);
    assertThat(await(box.call("calculator", "{\"expression\":\"2*21\"}"))).isEqualTo(ToolOutcome.ok("42"));
    assertThat(await(box.call("calculator", "{\"expression\":\"2*\"}")).isError()).isTrue();
    assertThat(await(box.call("calculator", "{}"))).isEqualTo(ToolOutcome.error("missing string argument 'expression'"));
    assertThat(await(box.call("calculator", "[1]"))).isEqualTo(ToolOutcome.error("the arguments were not a JSON object"));
    assertThat(await(box.call("nope", "{}")).content()).startsWith("unknown tool 'nope'");
    JsonObject time = new JsonObject(await(box.call("get_current_time", "{}")).content());
    assertThat(time.getString("zone")).isEqualTo(ZoneId.systemDefault().getId());
    assertThat(time.getString("date")).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void currentTimeNamesDateTimeAndZone() {
    ZonedDateTime when = ZonedDateTime.of(2025, 3, 9, 14, 5, 7, 0, ZoneId.of("Europe/Paris"));
    JsonObject json = new JsonObject(BuiltinTools.currentTime(when));
    assertThat(json.getString("date")).isEqualTo("2025-03-09");
    assertThat(json.getString("time")).isEqualTo("14:05:07");
    assertThat(json.getString("weekday")).isEqualTo("Sunday");
    assertThat(json.getString("zone")).isEqualTo("Europe/Paris");
    assertThat(json.getString("utc_offset")).isEqualTo("+01:00");
  }

  @Test
  void httpToolPostsArgumentsAndReturnsTheBody() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.status(200, "{\"temperature\": 21}"), Reply.status(500, "boom"));
    ToolSpec weather = ToolSpec.http("weather", "Weather in a city",
        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))), server.baseUrl() + "/weather");
    Toolbox box = Toolbox.of(List.of(weather), http);
    assertThat(await(box.call("weather", "{\"city\":\"Lyon\"}"))).isEqualTo(ToolOutcome.ok("{\"temperature\": 21}"));
    assertThat(server.requests().get(0).path()).isEqualTo("/weather");
    assertThat(server.requests().get(0).json().getString("city")).isEqualTo("Lyon");
    // A fresh client: this checks the error mapping, not connection reuse.
    Toolbox fresh = Toolbox.of(List.of(weather), vertx.createHttpClient());
    assertThat(await(fresh.call("weather", "{}"))).isEqualTo(ToolOutcome.error("tool endpoint answered HTTP 500: boom"));
    await(server.close());
    // A port nobody listens on (not the closed server's: a pooled keep-alive connection may linger).
    ToolSpec gone = ToolSpec.http("gone", "Nobody home", null, "http://127.0.0.1:9/weather");
    assertThat(await(Toolbox.of(List.of(gone), http).call("gone", "{}")).content())
        .startsWith("cannot reach tool endpoint http://127.0.0.1:9/weather");
  }

  @Test
  void aToolWithoutUrlMustBeBuiltIn() {
    assertThatThrownBy(() -> Toolbox.of(List.of(new ToolSpec("mystery", "?", null, null)), http))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tool 'mystery' has no url and is not a built-in tool (get_current_time, calculator)");
  }
}
