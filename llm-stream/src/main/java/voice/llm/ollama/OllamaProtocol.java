package voice.llm.ollama;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import voice.core.llm.LlmEvent.ToolResult;
import voice.llm.LlmConfig;
import voice.llm.http.RoleMessages;
import voice.llm.http.WireProtocol;
import voice.llm.tools.ToolSpec;
import voice.llm.turn.AssistantBlock;
import voice.llm.turn.Exchange;
import voice.llm.turn.RoundListener;
import voice.llm.turn.ToolRound;

/**
 * Ollama's native chat API ({@code POST {base}/api/chat}, NDJSON stream). Tool calls come
 * whole, with arguments as a JSON object; results go back as {@code role: tool} messages with
 * {@code tool_name} (and the call id, which newer servers use and older ones ignore).
 */
public final class OllamaProtocol implements WireProtocol {
  private final String url;

  public OllamaProtocol(LlmConfig config) {
    this.url = config.baseUrlOrDefault() + "/api/chat";
  }

  @Override
  public Request request(Exchange exchange) {
    LlmConfig config = exchange.config();
    MultiMap headers = RoleMessages.headers(config, "application/x-ndjson");
    JsonArray messages = RoleMessages.of(exchange, OllamaProtocol::addRound);
    JsonObject options = new JsonObject().put("num_predict", config.maxTokens());
    if (config.temperature() != null) {
      options.put("temperature", config.temperature());
    }
    JsonObject body = new JsonObject().put("model", config.model()).put("messages", messages)
        .put("stream", true).put("options", options);
    if (config.thinkingBudget() != null) {
      body.put("think", true);
    }
    if (!exchange.tools().isEmpty()) {
      JsonArray tools = new JsonArray();
      for (ToolSpec tool : exchange.tools()) {
        tools.add(new JsonObject().put("type", "function").put("function", new JsonObject()
            .put("name", tool.name()).put("description", tool.description())
            .put("parameters", new JsonObject(tool.parameters()))));
      }
      body.put("tools", tools);
    }
    return new Request(url, headers, body);
  }

  private static void addRound(JsonArray messages, ToolRound round) {
    StringBuilder text = new StringBuilder();
    JsonArray calls = new JsonArray();
    for (AssistantBlock block : round.assistant()) {
      if (block instanceof AssistantBlock.Text t) {
        text.append(t.text());
      } else if (block instanceof AssistantBlock.ToolUse use) {
        calls.add(new JsonObject().put("id", use.id()).put("function",
            new JsonObject().put("name", use.name()).put("arguments", new JsonObject(use.argumentsJson()))));
      }
    }
    messages.add(new JsonObject().put("role", "assistant").put("content", text.toString()).put("tool_calls", calls));
    for (ToolResult result : round.results()) {
      messages.add(new JsonObject().put("role", "tool").put("content", result.content())
          .put("tool_name", result.name()).put("tool_call_id", result.id()));
    }
  }

  @Override
  public StreamDecoder decoder(RoundListener listener) {
    return new OllamaStreamDecoder(listener);
  }
}
