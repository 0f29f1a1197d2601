package voice.llm.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.llm.LlmEvent;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.llm.EventRecorder;
import voice.llm.LlmCall;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.llm.testserver.AnthropicStreams;
import voice.llm.testserver.ScriptedHttpServer;
import voice.llm.testserver.ScriptedHttpServer.Reply;
import voice.llm.tools.BuiltinTools;

class AnthropicClientTest {
  private static final String KEY = "sk-ant-test-secret";
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static LlmConfig.Builder config(String baseUrl) {
    return LlmConfig.builder("anthropic", "claude-sonnet-4-5").baseUrl(baseUrl).apiKey(KEY)
        .retryBaseDelay(Duration.ofMillis(10)).systemPrompt("You are a voice assistant.");
  }

  private static LlmRequest ask(String turn, String question) {
    return new LlmRequest(turn, List.of(ChatMessage.user(question)));
  }

  @Test
  void streamsTextWithHeadersSystemAndUsage() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(AnthropicStreams.text("msg_01", List.of("Paris is", " the capital."), "end_turn")));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a1", "Capital of France?"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("Paris is the capital.");
    assertThat(recorder.all(LlmEvent.MessageStart.class).get(0).id()).isEqualTo("msg_01");
    LlmEvent.MessageDelta delta = recorder.all(LlmEvent.MessageDelta.class).get(0);
    assertThat(delta.stopReason()).isEqualTo("end_turn");
    assertThat(delta.usage()).isEqualTo(new LlmEvent.Usage(25, 15));
    ScriptedHttpServer.Recorded request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.headers().get("x-api-key")).isEqualTo(KEY);
    assertThat(request.headers().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.headers().get("authorization")).isNull();
    assertThat(request.json().getString("system")).isEqualTo("You are a voice assistant.");
    assertThat(request.json().getInteger("max_tokens")).isEqualTo(1024);
    assertThat(request.json().getBoolean("stream")).isTrue();
    assertThat(recorder.events.toString()).doesNotContain(KEY);
    client.close();
    await(server.close());
  }

  @Test
  void crlfFramingOneBytePerWrite() throws Exception {
    String stream = AnthropicStreams.text("msg_02", List.of("H\u00e9llo", " \u20ac\uD83D\uDE00"), "max_tokens")
        .replace("\n", "\r\n");
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(stream).pieces(1));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a2", "hi"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("H\u00e9llo \u20ac\uD83D\uDE00");
    assertThat(recorder.all(LlmEvent.MessageDelta.class).get(0).stopReason()).isEqualTo("max_tokens");
    client.close();
    await(server.close());
  }

  @Test
  void toolRoundTripSendsThinkingWithSignatureAndResultForTheCallId() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(
        Reply.sse(AnthropicStreams.thinkingThenTool("msg_t1", "I should compute.", "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds",
            "Let me calculate.", "toolu_01A09q90qw90lq917835lq9", "calculator",
            List.of("{\"expr", "ession\": \"2^", "10\"}"))).splitAfterEach("\n\n"),
        Reply.sse(AnthropicStreams.text("msg_t2", List.of("It is 1024."), "end_turn")));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).tools(BuiltinTools.ALL).thinkingBudget(2048)
        .temperature(0.2).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a3", "two to the tenth?"), recorder);
    recorder.awaitEndOfTurn();

    assertThat(recorder.thinking()).isEqualTo("I should compute.");
    assertThat(recorder.text()).isEqualTo("Let me calculate.It is 1024.");
    LlmEvent.ToolCall call = recorder.all(LlmEvent.ToolCall.class).get(0);
    assertThat(call.id()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
    assertThat(call.argumentsJson()).isEqualTo("{\"expression\":\"2^10\"}");
    assertThat(recorder.all(LlmEvent.ToolResult.class).get(0).content()).isEqualTo("1024");

    JsonObject first = server.requests().get(0).json();
    assertThat(first.getJsonObject("thinking").getInteger("budget_tokens")).isEqualTo(2048);
    assertThat(first.getInteger("max_tokens")).isGreaterThan(2048);
    assertThat(first.containsKey("temperature")).isFalse();
    assertThat(first.getJsonArray("tools").getJsonObject(1).getJsonObject("input_schema").getString("type")).isEqualTo("object");
    JsonArray messages = server.requests().get(1).json().getJsonArray("messages");
    assertThat(messages).hasSize(3);
    JsonArray assistant = messages.getJsonObject(1).getJsonArray("content");
    assertThat(assistant.getJsonObject(0).getString("type")).isEqualTo("thinking");
    assertThat(assistant.getJsonObject(0).getString("thinking")).isEqualTo("I should compute.");
    assertThat(assistant.getJsonObject(0).getString("signature")).isEqualTo("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds");
    assertThat(assistant.getJsonObject(1).getString("text")).isEqualTo("Let me calculate.");
    assertThat(assistant.getJsonObject(2).getString("id")).isEqualTo("toolu_01A09q90qw90lq917835lq9");
    assertThat(assistant.getJsonObject(2).getJsonObject("input").getString("expression")).isEqualTo("2^10");
    JsonObject user = messages.getJsonObject(2);
    assertThat(user.getString("role")).isEqualTo("user");
    JsonObject result = user.getJsonArray("content").getJsonObject(0);
    assertThat(result.getString("type")).isEqualTo("tool_result");
    assertThat(result.getString("tool_use_id")).isEqualTo("toolu_01A09q90qw90lq917835lq9");
    assertThat(result.getString("content")).isEqualTo("1024");
    assertThat(result.getBoolean("is_error")).isFalse();
    client.close();
    await(server.close());
  }

  @Test
  void overloadedErrorMidStreamEndsTheTurnCleanly() throws Exception {
    String stream = AnthropicStreams.start("msg_e") + AnthropicStreams.textBlockStart(0)
        + AnthropicStreams.textDelta(0, "Partial")
        + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}\n\n";
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(stream));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a4", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("overloaded_error");
    assertThat(error.message()).isEqualTo("error mid-stream: Overloaded");
    assertThat(recorder.text()).isEqualTo("Partial");
    client.close();
    await(server.close());
  }

  @Test
  void retries529AndRetryAfterThenSucceeds() throws Exception {
    String overloaded = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}";
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(
        Reply.status(529, overloaded),
        Reply.status(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"}}")
            .header("retry-after", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(5))),
        Reply.sse(AnthropicStreams.text("msg_r", List.of("Back."), "end_turn")));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).maxRetries(2).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a5", "hi"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("Back.");
    assertThat(server.requests()).hasSize(3);
    client.close();
    await(server.close());
  }

  @Test
  void httpErrorCarriesTheProvidersTypeAndMessage() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.status(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: Field required\"}}"));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a6", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("invalid_request_error");
    assertThat(error.message()).isEqualTo("HTTP 400 Bad Request: max_tokens: Field required");
    client.close();
    await(server.close());
  }

  @Test
  void streamEndingWithoutMessageStopIsAnError() throws Exception {
    String stream = AnthropicStreams.start("msg_c") + AnthropicStreams.textBlockStart(0) + AnthropicStreams.textDelta(0, "Cut");
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(stream));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("a7", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("malformed_stream");
    assertThat(error.message()).isEqualTo("the stream ended before message_stop");
    client.close();
    await(server.close());
  }

  @Test
  void cancelClosesTheUpstreamConnection() throws Exception {
    List<String> tokens = java.util.Collections.nCopies(200, " word");
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(AnthropicStreams.text("msg_x", tokens, "end_turn")).splitAfterEach("\n\n").pace(20));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    LlmCall call = client.stream(ask("a8", "talk"), recorder);
    recorder.awaitFirstText();
    call.cancel();
    await(server.clientClosed());
    assertThat(server.clientCloses()).isEqualTo(1);
    assertThat(recorder.isTerminated()).isFalse();
    client.close();
    await(server.close());
  }
}
