package voice.llm.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import voice.llm.testserver.ScriptedHttpServer;
import voice.llm.testserver.ScriptedHttpServer.Reply;
import voice.llm.tools.BuiltinTools;

class OllamaClientTest {
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

  static String line(String content, String thinking) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", content);
    if (thinking != null) {
      message.put("thinking", thinking);
    }
    return new JsonObject().put("model", "qwen3").put("created_at", "2025-05-27T22:54:57.641643Z")
        .put("message", message).put("done", false).encode() + "\n";
  }

  static String done(String reason) {
    return new JsonObject().put("model", "qwen3").put("created_at", "2025-05-27T22:54:58.1Z")
        .put("message", new JsonObject().put("role", "assistant").put("content", ""))
        .put("done", true).put("done_reason", reason).put("total_duration", 4883583458L)
        .put("prompt_eval_count", 26).put("eval_count", 7).encode() + "\n";
  }

  private static LlmRequest ask(String turn) {
    return new LlmRequest(turn, List.of(ChatMessage.system("Speak plainly."), ChatMessage.user("hi")));
  }

  @Test
  void streamsThinkingTextStopAndCountsSplitOneBytePerWrite() throws Exception {
    String stream = line("", "Hmm, a greeting.") + line("Hel", null) + "\r\n" + line("lo \u00e9\u20ac!", null) + done("stop");
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.ndjson(stream).pieces(1));
    LlmClient client = LlmClients.create(vertx, LlmConfig.builder("ollama", "qwen3").baseUrl(server.baseUrl())
        .thinkingBudget(1).temperature(0.3).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("o1"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.thinking()).isEqualTo("Hmm, a greeting.");
    assertThat(recorder.text()).isEqualTo("Hello \u00e9\u20ac!");
    LlmEvent.MessageDelta delta = recorder.all(LlmEvent.MessageDelta.class).get(0);
    assertThat(delta.stopReason()).isEqualTo("end_turn");
    assertThat(delta.usage()).isEqualTo(new LlmEvent.Usage(26, 7));
    ScriptedHttpServer.Recorded request = server.requests().get(0);
    assertThat(request.path()).isEqualTo("/api/chat");
    JsonObject body = request.json();
    assertThat(body.getBoolean("stream")).isTrue();
    assertThat(body.getBoolean("think")).isTrue();
    assertThat(body.getJsonObject("options").getDouble("temperature")).isEqualTo(0.3);
    assertThat(body.getJsonArray("messages").getJsonObject(0).getString("role")).isEqualTo("system");
    client.close();
    await(server.close());
  }

  @Test
  void toolRoundTripSendsTheResultForTheCall() throws Exception {
    String toolLine = new JsonObject().put("model", "qwen3").put("created_at", "x").put("message", new JsonObject()
        .put("role", "assistant").put("content", "")
        .put("tool_calls", new JsonArray().add(new JsonObject().put("function", new JsonObject()
            .put("name", "calculator").put("arguments", new JsonObject().put("expression", "7 % 4")))))).put("done", false)
        .encode() + "\n";
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.ndjson(line("Checking.", null) + toolLine + done("stop")),
        Reply.ndjson(line("Three.", null) + done("stop")));
    LlmClient client = LlmClients.create(vertx, LlmConfig.builder("ollama", "qwen3").baseUrl(server.baseUrl())
        .tools(BuiltinTools.ALL).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("o2"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("Checking.Three.");
    LlmEvent.ToolCall call = recorder.all(LlmEvent.ToolCall.class).get(0);
    assertThat(call.name()).isEqualTo("calculator");
    assertThat(call.argumentsJson()).isEqualTo("{\"expression\":\"7 % 4\"}");
    assertThat(recorder.all(LlmEvent.MessageDelta.class).get(0).stopReason()).isEqualTo("tool_use");
    JsonArray messages = server.requests().get(1).json().getJsonArray("messages");
    JsonObject assistant = messages.getJsonObject(messages.size() - 2);
    assertThat(assistant.getString("content")).isEqualTo("Checking.");
    JsonObject sentCall = assistant.getJsonArray("tool_calls").getJsonObject(0);
    assertThat(sentCall.getJsonObject("function").getJsonObject("arguments").getString("expression")).isEqualTo("7 % 4");
    JsonObject tool = messages.getJsonObject(messages.size() - 1);
    assertThat(tool.getString("role")).isEqualTo("tool");
    assertThat(tool.getString("tool_name")).isEqualTo("calculator");
    assertThat(tool.getString("tool_call_id")).isEqualTo(call.id()).isEqualTo(sentCall.getString("id"));
    assertThat(tool.getString("content")).isEqualTo("3");
    client.close();
    await(server.close());
  }

  @Test
  void errorLinesMalformedLinesAndMissingDoneEndTheTurn() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(
        Reply.ndjson(line("Hi", null) + "{\"error\":\"model runner has unexpectedly stopped\"}\n"),
        Reply.ndjson(line("Hi", null) + "garbage\n"),
        Reply.ndjson(line("Hi", null)),
        Reply.status(404, "{\"error\":\"model \\\"nope\\\" not found, try pulling it first\"}"));
    LlmClient client = LlmClients.create(vertx, LlmConfig.builder("ollama", "nope").baseUrl(server.baseUrl()).build());
    List<String> expected = List.of("error mid-stream: model runner has unexpectedly stopped",
        "malformed line (not a JSON object): garbage", "the stream ended before the done line",
        "HTTP 404 Not Found: model \"nope\" not found, try pulling it first");
    for (int i = 0; i < expected.size(); i++) {
      EventRecorder recorder = new EventRecorder();
      client.stream(new LlmRequest("o3-" + i, List.of(ChatMessage.user("hi"))), recorder);
      assertThat(recorder.awaitError().message()).isEqualTo(expected.get(i));
    }
    client.close();
    await(server.close());
  }

  @Test
  void cancelClosesTheUpstreamConnection() throws Exception {
    ScriptedHttpServer server = await(ScriptedHttpServer.start(vertx));
    server.enqueue(Reply.ndjson(line(" word", null).repeat(200) + done("stop")).splitAfterEach("\n").pace(20));
    LlmClient client = LlmClients.create(vertx, LlmConfig.builder("ollama", "qwen3").baseUrl(server.baseUrl()).build());
    EventRecorder recorder = new EventRecorder();
    LlmCall call = client.stream(ask("o4"), recorder);
    recorder.awaitFirstText();
    call.cancel();
    await(server.clientClosed());
    assertThat(recorder.isTerminated()).isFalse();
    client.close();
    await(server.close());
  }
}
