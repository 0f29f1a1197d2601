package voice.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.event.EventProjector;
import voice.core.llm.LlmEvent;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.core.message.TurnCancel;
import voice.llm.testserver.OpenAiTestServer;
import voice.llm.tools.BuiltinTools;

class LlmVerticleTest {
  private static final String KEY = "sk-verticle-secret";
  private static Vertx vertx;
  private static OpenAiTestServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    server = await(OpenAiTestServer.start(vertx));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private LlmClient client() {
    return LlmClients.create(vertx, LlmConfig.builder("openai", "qwen2.5").baseUrl(server.baseUrl()).apiKey(KEY)
        .tools(BuiltinTools.ALL).build());
  }

  @Test
  void publishesLlmEventsAndThePublicEvents() throws Exception {
    String scope = "s1";
    List<LlmEvent> llmEvents = new CopyOnWriteArrayList<>();
    List<AgentEvent> agentEvents = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    vertx.eventBus().<LlmEvent>consumer(Addresses.scoped(Addresses.LLM_EVENT, scope), m -> llmEvents.add(m.body()));
    vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> {
      agentEvents.add(m.body());
      if (m.body().type().equals("llm.message_stop") && Boolean.TRUE.equals(m.body().fields().get("end_of_turn"))) {
        stopped.complete(null);
      }
    });
    server.toolCall("call_9", "calculator", "{\"expression\":\"1+2\"}").answer("Three it is.");
    await(vertx.deployVerticle(new EventProjector(scope))); // the public events are written at the edge
    await(vertx.deployVerticle(new LlmVerticle(client(), scope)));
    vertx.eventBus().publish(Addresses.scoped(Addresses.LLM_REQUEST, scope),
        new LlmRequest("v1", List.of(ChatMessage.user("1+2?"))));
    stopped.get(10, TimeUnit.SECONDS);

    assertThat(llmEvents.get(llmEvents.size() - 1)).isEqualTo(new LlmEvent.MessageStop("v1", true));
    List<String> types = agentEvents.stream().map(AgentEvent::type).distinct().toList();
    assertThat(types).containsExactly("llm.request", "llm.message_start", "llm.tool_call", "llm.message_stop",
        "llm.tool_result", "llm.text_delta");
    AgentEvent request = agentEvents.get(0);
    assertThat(request.fields()).containsEntry("provider", "openai").containsEntry("model", "qwen2.5")
        .containsEntry("url", server.baseUrl() + "/chat/completions");
    assertThat(agentEvents.toString()).doesNotContain(KEY);
    AgentEvent call = agentEvents.stream().filter(e -> e.type().equals("llm.tool_call")).findFirst().orElseThrow();
    assertThat(call.fields()).containsEntry("id", "call_9").containsEntry("name", "calculator")
        .containsEntry("arguments", Map.of("expression", "1+2"));
    AgentEvent result = agentEvents.stream().filter(e -> e.type().equals("llm.tool_result")).findFirst().orElseThrow();
    assertThat(result.fields()).containsEntry("id", "call_9").containsEntry("content", "3").containsEntry("is_error", false);
    AgentEvent last = agentEvents.get(agentEvents.size() - 1);
    assertThat(last.fields()).containsEntry("stop_reason", "end_turn")
        .containsEntry("usage", Map.of("input_tokens", 12, "output_tokens", 3));
    String text = agentEvents.stream().filter(e -> e.type().equals("llm.text_delta"))
        .map(e -> (String) e.fields().get("text")).reduce("", String::concat);
    assertThat(text).isEqualTo("Three it is.");
  }

  @Test
  void turnCancelClosesTheUpstreamRequestAndSilencesTheTurn() throws Exception {
    String scope = "s2";
    List<LlmEvent> llmEvents = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> firstText = new CompletableFuture<>();
    vertx.eventBus().<LlmEvent>consumer(Addresses.scoped(Addresses.LLM_EVENT, scope), m -> {
      llmEvents.add(m.body());
      if (m.body() instanceof LlmEvent.BlockDelta) {
        firstText.complete(null);
      }
    });
    OpenAiTestServer slow = await(OpenAiTestServer.start(vertx));
    slow.paceMillis(30).answer(OpenAiTestServer.words("la ".repeat(300)));
    LlmClient client = LlmClients.create(vertx, LlmConfig.builder("openai", "m").baseUrl(slow.baseUrl()).build());
    await(vertx.deployVerticle(new LlmVerticle(client, scope)));
    vertx.eventBus().publish(Addresses.scoped(Addresses.LLM_REQUEST, scope),
        new LlmRequest("v2", List.of(ChatMessage.user("sing"))));
    firstText.get(10, TimeUnit.SECONDS);
    vertx.eventBus().publish(Addresses.scoped(Addresses.TURN_CANCEL, scope), new TurnCancel("v2", TurnCancel.Reason.bargein));
    await(slow.clientClosed());
    int seen = llmEvents.size();
    // A late request of the cancelled turn is ignored; the next turn's answer is the later signal.
    slow.paceMillis(1).answer("next");
    CompletableFuture<Void> nextText = new CompletableFuture<>();
    vertx.eventBus().<LlmEvent>consumer(Addresses.scoped(Addresses.LLM_EVENT, scope), m -> {
      if (m.body().turn().equals("v3") && m.body() instanceof LlmEvent.BlockDelta) {
        nextText.complete(null);
      }
    });
    vertx.eventBus().publish(Addresses.scoped(Addresses.LLM_REQUEST, scope),
        new LlmRequest("v2", List.of(ChatMessage.user("sing"))));
    vertx.eventBus().publish(Addresses.scoped(Addresses.LLM_REQUEST, scope),
        new LlmRequest("v3", List.of(ChatMessage.user("next"))));
    nextText.get(10, TimeUnit.SECONDS);
    List<LlmEvent> afterCancel = List.copyOf(llmEvents);
    assertThat(afterCancel.subList(seen, afterCancel.size())).as("nothing of v2 after its cancel")
        .allMatch(e -> e.turn().equals("v3"));
    assertThat(llmEvents).noneMatch(e -> e.turn().equals("v2")
        && (e instanceof LlmEvent.MessageStop || e instanceof LlmEvent.LlmError));
    assertThat(slow.requests()).as("the cancelled turn's late request was not sent").hasSize(2);
    await(slow.close());
  }
}
