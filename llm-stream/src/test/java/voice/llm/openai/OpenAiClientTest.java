package voice.llm.openai;

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
import voice.llm.testserver.OpenAiTestServer;
import voice.llm.testserver.ScriptedHttpServer;
import voice.llm.testserver.ScriptedHttpServer.Reply;
import voice.llm.tools.BuiltinTools;

class OpenAiClientTest {
  private static final String KEY = "sk-test-secret-key";
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
    return LlmConfig.builder("openai", "qwen2.5").baseUrl(baseUrl).apiKey(KEY).maxRetries(2)
        .retryBaseDelay(Duration.ofMillis(10)).systemPrompt("Be brief.");
  }

  private static LlmRequest ask(String turn, String question) {
    return new LlmRequest(turn, List.of(ChatMessage.user(question)));
  }

  @Test
  void streamsTextStopReasonAndUsage() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.answer("The capital of France is Paris.");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t1", "What is the capital of France?"), recorder);
    recorder.awaitEndOfTurn();

    assertThat(recorder.text()).isEqualTo("The capital of France is Paris.");
    LlmEvent.MessageDelta delta = recorder.all(LlmEvent.MessageDelta.class).get(0);
    assertThat(delta.stopReason()).isEqualTo("end_turn");
    assertThat(delta.usage()).isEqualTo(new LlmEvent.Usage(12, 6));
    LlmEvent.RequestSent sent = recorder.all(LlmEvent.RequestSent.class).get(0);
    assertThat(sent.url()).isEqualTo(server.baseUrl() + "/chat/completions");
    assertThat(recorder.events.toString()).doesNotContain(KEY);
    assertThat(recorder.events.get(0)).isInstanceOf(LlmEvent.RequestSent.class);
    assertThat(recorder.events.get(1)).isInstanceOf(LlmEvent.MessageStart.class);

    OpenAiTestServer.Received request = server.requests().get(0);
    assertThat(request.headers().get("authorization")).isEqualTo("Bearer " + KEY);
    JsonObject body = request.body();
    assertThat(body.getString("model")).isEqualTo("qwen2.5");
    assertThat(body.getBoolean("stream")).isTrue();
    assertThat(body.getJsonObject("stream_options").getBoolean("include_usage")).isTrue();
    assertThat(body.getJsonArray("messages").getJsonObject(0).getString("content")).isEqualTo("Be brief.");
    assertThat(body.getJsonArray("messages").getJsonObject(1).getString("content")).isEqualTo("What is the capital of France?");
    assertThat(body.containsKey("tools")).isFalse();
    client.close();
    await(server.close());
  }

  /** A recorded-format stream with CRLF framing, a comment, a multi-line data field, one byte per write. */
  @Test
  void readsCrlfFramedStreamWrittenOneBytePerWrite() throws Exception {
    String stream = ": keep-alive\r\n\r\n"
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\r\n\r\n"
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\r\ndata: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"Caf\u00e9 \"},\"finish_reason\":null}]}\r\n\r\n"
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\u00fcber \u20ac5 \uD83D\uDE00\"},\"finish_reason\":null}]}\r\n\r\n"
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}\r\n\r\n"
        + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}\r\n\r\n"
        + "data: [DONE]\r\n\r\n";
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(stream).pieces(1));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl() + "/v1").build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t2", "hi"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("Caf\u00e9 \u00fcber \u20ac5 \uD83D\uDE00");
    LlmEvent.MessageDelta delta = recorder.all(LlmEvent.MessageDelta.class).get(0);
    assertThat(delta.stopReason()).isEqualTo("max_tokens");
    assertThat(delta.usage()).isEqualTo(new LlmEvent.Usage(3, 4));
    assertThat(server.requests().get(0).path()).isEqualTo("/v1/chat/completions");
    client.close();
    await(server.close());
  }

  @Test
  void reasoningContentBecomesThinking() throws Exception {
    String stream = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Let me think.\"},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Yes.\"},\"finish_reason\":\"stop\"}]}\n\n"
        + "data: [DONE]\n\n";
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(stream));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t3", "hi"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.thinking()).isEqualTo("Let me think.");
    assertThat(recorder.text()).isEqualTo("Yes.");
    assertThat(recorder.all(LlmEvent.BlockStart.class)).extracting(LlmEvent.BlockStart::type)
        .containsExactly(LlmEvent.BlockType.thinking, LlmEvent.BlockType.text);
    assertThat(recorder.all(LlmEvent.BlockStop.class)).hasSize(2);
    client.close();
    await(server.close());
  }

  @Test
  void toolRoundTripSendsResultWithTheCallId() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.toolCall("call_abc123", "calculator", "{\"expression\": \"6 * (3 + 4)\"}").answer("It is 42.");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).tools(BuiltinTools.ALL).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t4", "What is six times seven?"), recorder);
    recorder.awaitEndOfTurn();

    assertThat(recorder.text()).isEqualTo("It is 42.");
    LlmEvent.ToolCall call = recorder.all(LlmEvent.ToolCall.class).get(0);
    assertThat(call.id()).isEqualTo("call_abc123");
    assertThat(new JsonObject(call.argumentsJson()).getString("expression")).isEqualTo("6 * (3 + 4)");
    LlmEvent.ToolResult result = recorder.all(LlmEvent.ToolResult.class).get(0);
    assertThat(result.content()).isEqualTo("42");
    assertThat(result.isError()).isFalse();
    assertThat(recorder.all(LlmEvent.MessageStop.class)).extracting(LlmEvent.MessageStop::endOfTurn)
        .containsExactly(false, true);
    assertThat(recorder.all(LlmEvent.MessageDelta.class).get(0).stopReason()).isEqualTo("tool_use");

    assertThat(server.requests()).hasSize(2);
    JsonObject first = server.requests().get(0).body();
    assertThat(first.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"))
        .isEqualTo("get_current_time");
    JsonArray messages = server.requests().get(1).body().getJsonArray("messages");
    JsonObject assistant = messages.getJsonObject(messages.size() - 2);
    assertThat(assistant.getString("role")).isEqualTo("assistant");
    JsonObject sentCall = assistant.getJsonArray("tool_calls").getJsonObject(0);
    assertThat(sentCall.getString("id")).isEqualTo("call_abc123");
    assertThat(new JsonObject(sentCall.getJsonObject("function").getString("arguments")).getString("expression"))
        .isEqualTo("6 * (3 + 4)");
    JsonObject tool = messages.getJsonObject(messages.size() - 1);
    assertThat(tool.getString("role")).isEqualTo("tool");
    assertThat(tool.getString("tool_call_id")).isEqualTo("call_abc123");
    assertThat(tool.getString("content")).isEqualTo("42");
    client.close();
    await(server.close());
  }

  @Test
  void unknownToolGivesAnErrorResultAndTheTurnGoesOn() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.toolCall("call_x", "launch_rocket", "{}").answer("I cannot do that.");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).tools(BuiltinTools.ALL).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t5", "Launch"), recorder);
    recorder.awaitEndOfTurn();
    LlmEvent.ToolResult result = recorder.all(LlmEvent.ToolResult.class).get(0);
    assertThat(result.isError()).isTrue();
    assertThat(result.content()).contains("unknown tool 'launch_rocket'");
    assertThat(recorder.text()).isEqualTo("I cannot do that.");
    client.close();
    await(server.close());
  }

  @Test
  void toolRoundsAreBounded() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.toolCall("c1", "get_current_time", "{}").toolCall("c2", "get_current_time", "{}")
        .toolCall("c3", "get_current_time", "{}");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).tools(BuiltinTools.ALL).maxToolRounds(2).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t6", "time?"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("tool_rounds_exceeded");
    assertThat(server.requests()).hasSize(3);
    assertThat(recorder.all(LlmEvent.ToolResult.class)).hasSize(2);
    client.close();
    await(server.close());
  }

  @Test
  void cancelClosesTheUpstreamConnectionAndEmitsNothingMore() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.paceMillis(50).answer(OpenAiTestServer.words("one two three four five six seven eight nine ten ".repeat(10)));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    LlmCall call = client.stream(ask("t7", "count"), recorder);
    recorder.awaitFirstText();
    call.cancel();
    int seen = recorder.events.size();
    await(server.clientClosed());
    // The next call's whole answer is the later signal: nothing of the cancelled one came before it ended.
    server.paceMillis(1).answer("Done.");
    EventRecorder next = new EventRecorder();
    client.stream(ask("t8", "again"), next);
    next.awaitEndOfTurn();
    assertThat(server.clientCloses()).isEqualTo(1);
    assertThat(recorder.events.size()).isLessThanOrEqualTo(seen + 1); // at most one already in flight
    assertThat(recorder.isTerminated()).isFalse();
    client.close();
    await(server.close());
  }

  @Test
  void retriesAfter429And529ThenSucceeds() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.fail(429, "Rate limit reached", "0").fail(529, "Overloaded", null).answer("Finally.");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t8", "hi"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("Finally.");
    assertThat(server.requests()).hasSize(3);
    assertThat(recorder.all(LlmEvent.RequestSent.class)).hasSize(3);
    client.close();
    await(server.close());
  }

  @Test
  void givesUpAfterMaxRetriesWithTheProvidersMessage() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.fail(503, "Service down", "0").fail(503, "Service down", "0");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).maxRetries(1).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t9", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("server_error");
    assertThat(error.message()).contains("HTTP 503").contains("Service down").contains("after 1 retry");
    assertThat(server.requests()).hasSize(2);
    client.close();
    await(server.close());
  }

  @Test
  void clientErrorIsNotRetried() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t10", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("invalid_request_error");
    assertThat(error.message()).startsWith("HTTP 401").contains("Incorrect API key provided").doesNotContain("\n");
    assertThat(server.requests()).hasSize(1);
    client.close();
    await(server.close());
  }

  @Test
  void connectionRefusedSaysWhichUrlCannotBeReached() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    LlmClient client = LlmClients.create(vertx, config("http://127.0.0.1:" + port + "/v1").maxRetries(1).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t11", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("connection_error");
    assertThat(error.message()).startsWith("cannot reach http://127.0.0.1:" + port + "/v1/chat/completions");
    client.close();
  }

  @Test
  void firstTokenTimeoutEndsTheTurnAndClosesTheRequest() throws Exception {
    OpenAiTestServer server = await(OpenAiTestServer.start(vertx));
    server.ttftMillis(5_000).answer("too late");
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).firstTokenTimeout(Duration.ofMillis(200)).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t12", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("timeout");
    assertThat(error.message()).contains("no first token within 200 ms");
    await(server.clientClosed());
    client.close();
    await(server.close());
  }

  @Test
  void stallTimeoutEndsTheTurnButKeepsWhatWasSaid() throws Exception {
    String stream = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"finish_reason\":null}]}\n\n";
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.sse(stream).hang());
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).stallTimeout(Duration.ofMillis(200)).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("t13", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(error.errorType()).isEqualTo("timeout");
    assertThat(error.message()).contains("stalled");
    assertThat(recorder.text()).isEqualTo("Hello");
    await(server.clientClosed());
    client.close();
    await(server.close());
  }

  @Test
  void malformedChunkAndMissingDoneAreOneLineErrors() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(
        Reply.sse("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: {not json\n\n"),
        Reply.sse("data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"),
        Reply.sse("data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}\n\n"));
    LlmClient client = LlmClients.create(vertx, config(server.baseUrl()).build());
    for (String expected : List.of("malformed chunk: {not json", "the stream ended before [DONE]", "error mid-stream: The server had an error")) {
      EventRecorder recorder = new EventRecorder();
      client.stream(ask("t14-" + expected.length(), "hi"), recorder);
      LlmEvent.LlmError error = recorder.awaitError();
      assertThat(error.message()).isEqualTo(expected);
    }
    assertThat(server.requests()).hasSize(3); // mid-stream failures are never retried
    client.close();
    await(server.close());
  }

  @Test
  void unknownProviderIsAClearError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LlmClients.create(vertx, LlmConfig.builder("gpt", "m").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown LLM provider 'gpt'; choose one of openai, anthropic, ollama, bedrock, llamacpp");
  }

  @Test
  void configToStringMasksTheKey() {
    assertThat(config("http://x/v1").build().toString()).doesNotContain(KEY).contains("apiKey=****");
  }
}
