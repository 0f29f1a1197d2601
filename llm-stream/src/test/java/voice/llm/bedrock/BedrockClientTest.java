package voice.llm.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.llm.bedrock.EventStreamFrames.*;

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
import voice.llm.bedrock.BedrockTestServer.Reply;
import voice.llm.tools.BuiltinTools;

/** The real AWS SDK against a local endpoint that speaks application/vnd.amazon.eventstream. */
class BedrockClientTest {
  private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    // The SDK's default chains read these.
    System.setProperty("aws.accessKeyId", "AKIAIOSFODNN7EXAMPLE");
    System.setProperty("aws.secretAccessKey", SECRET);
    System.setProperty("aws.region", "us-east-1");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static LlmConfig.Builder config(BedrockTestServer server) {
    return LlmConfig.builder("bedrock", MODEL).baseUrl(server.baseUrl()).systemPrompt("You are a voice assistant.")
        .retryBaseDelay(Duration.ofMillis(10));
  }

  private static LlmRequest ask(String turn, String question) {
    return new LlmRequest(turn, List.of(ChatMessage.user(question)));
  }

  private static Reply text(String... pieces) {
    Reply reply = Reply.of(messageStart());
    for (String piece : pieces) {
      reply.frames.add(textDelta(0, piece));
    }
    reply.frames.addAll(List.of(blockStop(0), messageStop("end_turn"), metadata(25, 15)));
    return reply;
  }

  @Test
  void streamsTextWithUsageAndStopReason() throws Exception {
    BedrockTestServer server = await(BedrockTestServer.start(vertx));
    server.enqueue(text("Paris is", " the capital."));
    LlmClient client = LlmClients.create(vertx, config(server).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("b1", "Capital of France?"), recorder);
    recorder.awaitEndOfTurn();

    assertThat(recorder.text()).isEqualTo("Paris is the capital.");
    assertThat(recorder.all(LlmEvent.MessageStart.class).get(0).id()).isEqualTo("req-1");
    LlmEvent.MessageDelta delta = recorder.all(LlmEvent.MessageDelta.class).get(0);
    assertThat(delta.stopReason()).isEqualTo("end_turn");
    assertThat(delta.usage()).isEqualTo(new LlmEvent.Usage(25, 15));
    assertThat(recorder.all(LlmEvent.BlockStop.class)).hasSize(1);

    BedrockTestServer.Recorded request = server.requests.get(0);
    assertThat(request.path()).startsWith("/model/anthropic.claude-3-5-haiku").endsWith("/converse-stream");
    assertThat(request.headers().get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
        .contains("/us-east-1/bedrock/aws4_request");
    assertThat(request.json().getJsonArray("system").getJsonObject(0).getString("text")).isEqualTo("You are a voice assistant.");
    assertThat(request.json().getJsonObject("inferenceConfig").getInteger("maxTokens")).isEqualTo(1024);
    JsonObject user = request.json().getJsonArray("messages").getJsonObject(0);
    assertThat(user.getString("role")).isEqualTo("user");
    assertThat(user.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("Capital of France?");
    assertThat(recorder.events.toString()).doesNotContain(SECRET);
    client.close();
    await(server.close());
  }

  @Test
  void framesSplitAtEveryByteBoundary() throws Exception {
    BedrockTestServer server = await(BedrockTestServer.start(vertx));
    server.enqueue(text("H\u00e9llo", " \u20ac\uD83D\uDE00", " bye").pieces(1), text("Second", " stream").pieces(7));
    LlmClient client = LlmClients.create(vertx, config(server).build());
    EventRecorder one = new EventRecorder();
    client.stream(ask("b2", "hi"), one);
    one.awaitEndOfTurn();
    assertThat(one.text()).isEqualTo("H\u00e9llo \u20ac\uD83D\uDE00 bye");
    EventRecorder two = new EventRecorder();
    client.stream(ask("b3", "again"), two);
    two.awaitEndOfTurn();
    assertThat(two.text()).isEqualTo("Second stream");
    client.close();
    await(server.close());
  }

  @Test
  void toolRoundTripSendsTheResultForTheToolUseId() throws Exception {
    BedrockTestServer server = await(BedrockTestServer.start(vertx));
    server.enqueue(
        Reply.of(messageStart(), reasoningDelta(0, "I should compute."), reasoningSignature(0, "sig-123"), blockStop(0),
            textDelta(1, "Let me calculate."), blockStop(1),
            toolStart(2, "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "calculator"),
            toolInput(2, "{\"expr"), toolInput(2, "ession\": \"2^"), toolInput(2, "10\"}"), blockStop(2),
            messageStop("tool_use"), metadata(40, 30)).pieces(5),
        text("It is 1024."));
    LlmClient client = LlmClients.create(vertx, config(server).tools(BuiltinTools.ALL).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("b4", "two to the tenth?"), recorder);
    recorder.awaitEndOfTurn();

    assertThat(recorder.thinking()).isEqualTo("I should compute.");
    assertThat(recorder.text()).isEqualTo("Let me calculate.It is 1024.");
    LlmEvent.ToolCall call = recorder.all(LlmEvent.ToolCall.class).get(0);
    assertThat(call.id()).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
    assertThat(call.name()).isEqualTo("calculator");
    assertThat(call.argumentsJson()).isEqualTo("{\"expression\":\"2^10\"}");
    assertThat(recorder.all(LlmEvent.MessageDelta.class).get(0).stopReason()).isEqualTo("tool_use");
    assertThat(recorder.all(LlmEvent.MessageStop.class)).extracting(LlmEvent.MessageStop::endOfTurn)
        .containsExactly(false, true);

    JsonObject first = server.requests.get(0).json();
    JsonObject spec = first.getJsonObject("toolConfig").getJsonArray("tools").getJsonObject(1).getJsonObject("toolSpec");
    assertThat(spec.getString("name")).isEqualTo("calculator");
    assertThat(spec.getJsonObject("inputSchema").getJsonObject("json").getString("type")).isEqualTo("object");
    JsonArray messages = server.requests.get(1).json().getJsonArray("messages");
    assertThat(messages).hasSize(3);
    JsonArray assistant = messages.getJsonObject(1).getJsonArray("content");
    JsonObject reasoning = assistant.getJsonObject(0).getJsonObject("reasoningContent").getJsonObject("reasoningText");
    assertThat(reasoning.getString("text")).isEqualTo("I should compute.");
    assertThat(reasoning.getString("signature")).isEqualTo("sig-123");
    assertThat(assistant.getJsonObject(1).getString("text")).isEqualTo("Let me calculate.");
    JsonObject toolUse = assistant.getJsonObject(2).getJsonObject("toolUse");
    assertThat(toolUse.getString("toolUseId")).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
    assertThat(toolUse.getJsonObject("input").getString("expression")).isEqualTo("2^10");
    JsonObject user = messages.getJsonObject(2);
    assertThat(user.getString("role")).isEqualTo("user");
    JsonObject result = user.getJsonArray("content").getJsonObject(0).getJsonObject("toolResult");
    assertThat(result.getString("toolUseId")).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
    assertThat(result.getJsonArray("content").getJsonObject(0).getString("text")).isEqualTo("1024");
    assertThat(result.getString("status")).isEqualTo("success");
    client.close();
    await(server.close());
  }

  @Test
  void exceptionFrameMidStreamEndsTheTurnWithOneLineError() throws Exception {
    BedrockTestServer server = await(BedrockTestServer.start(vertx));
    server.enqueue(Reply.of(messageStart(), textDelta(0, "Partial"),
        exception("modelStreamErrorException", "The model stream failed")));
    LlmClient client = LlmClients.create(vertx, config(server).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("b5", "hi"), recorder);
    LlmEvent.LlmError error = recorder.awaitError();
    assertThat(recorder.text()).isEqualTo("Partial");
    assertThat(error.errorType()).isEqualTo("model_stream_error_exception");
    assertThat(error.message()).contains("The model stream failed").doesNotContain("\n");
    assertThat(server.requests).hasSize(1);
    client.close();
    await(server.close());
  }

  @Test
  void throttlingBeforeAnyTextIsRetried() throws Exception {
    BedrockTestServer server = await(BedrockTestServer.start(vertx));
    server.enqueue(Reply.of(exception("throttlingException", "Too many requests")),
        Reply.status(429, "ThrottlingException", "Rate exceeded"), text("Finally."));
    LlmClient client = LlmClients.create(vertx, config(server).build());
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("b6", "hi"), recorder);
    recorder.awaitEndOfTurn();
    assertThat(recorder.text()).isEqualTo("Finally.");
    assertThat(server.requests).hasSize(3);
    client.close();
    await(server.close());
  }

  @Test
  void cancelClosesTheConnection() throws Exception {
    BedrockTestServer server = await(BedrockTestServer.start(vertx));
    server.enqueue(Reply.of(messageStart(), textDelta(0, "Once upon")).hang());
    LlmClient client = LlmClients.create(vertx, config(server).build());
    EventRecorder recorder = new EventRecorder();
    LlmCall call = client.stream(ask("b7", "story"), recorder);
    recorder.awaitFirstText();
    call.cancel();
    await(server.clientClosed());
    int seen = recorder.events.size();
    // The next call's whole answer is the later signal: nothing of the cancelled one came before it ended.
    server.enqueue(text("Done."));
    EventRecorder next = new EventRecorder();
    client.stream(ask("b8", "again"), next);
    next.awaitEndOfTurn();
    assertThat(recorder.events).hasSize(seen);
    assertThat(recorder.isTerminated()).isFalse();
    client.close();
    await(server.close());
  }
}
