package voice.llm.anthropic;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import voice.core.llm.LlmEvent.ToolResult;
import voice.core.message.ChatMessage;
import voice.llm.LlmConfig;
import voice.llm.http.WireProtocol;
import voice.llm.tools.ToolSpec;
import voice.llm.turn.AssistantBlock;
import voice.llm.turn.Exchange;
import voice.llm.turn.RoundListener;
import voice.llm.turn.ToolRound;

/**
 * Anthropic Messages streaming ({@code POST {base}/v1/messages}, the base without {@code /v1}
 * as in the official SDK). In a tool round the assistant's blocks go back unchanged, thinking
 * blocks with their signature first, as the API requires; results go in the next user message
 * as {@code tool_result} blocks naming their {@code tool_use_id}.
 */
public final class AnthropicProtocol implements WireProtocol {
  static final String VERSION = "2023-06-01";
  private final String url;

  public AnthropicProtocol(LlmConfig config) {
    this.url = config.baseUrlOrDefault() + "/v1/messages";
  }

  @Override
  public Request request(Exchange exchange) {
    LlmConfig config = exchange.config();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("anthropic-version", VERSION)
        .add("accept", "text/event-stream");
    if (config.apiKey() != null && !config.apiKey().isBlank()) {
      headers.add("x-api-key", config.apiKey());
    }
    JsonArray messages = new JsonArray();
    for (ChatMessage message : exchange.history()) {
      messages.add(new JsonObject().put("role", message.role()).put("content", message.content()));
    }
    for (ToolRound round : exchange.rounds()) {
      messages.add(new JsonObject().put("role", "assistant").put("content", assistantContent(round)));
      JsonArray results = new JsonArray();
      for (ToolResult result : round.results()) {
        results.add(new JsonObject().put("type", "tool_result").put("tool_use_id", result.id())
            .put("content", result.content()).put("is_error", result.isError()));
      }
      messages.add(new JsonObject().put("role", "user").put("content", results));
    }
    int maxTokens = config.maxTokens();
    JsonObject body = new JsonObject().put("model", config.model()).put("messages", messages).put("stream", true);
    if (exchange.system() != null) {
      body.put("system", exchange.system());
    }
    if (config.thinkingBudget() != null) {
      // The budget must be below max_tokens; temperature must stay at its default with thinking.
      maxTokens = config.thinkingBudget() >= maxTokens ? config.thinkingBudget() + maxTokens : maxTokens;
      body.put("thinking", new JsonObject().put("type", "enabled").put("budget_tokens", config.thinkingBudget()));
    } else if (config.temperature() != null) {
      body.put("temperature", config.temperature());
    }
    body.put("max_tokens", maxTokens);
    if (!exchange.tools().isEmpty()) {
      JsonArray tools = new JsonArray();
      for (ToolSpec tool : exchange.tools()) {
        tools.add(new JsonObject().put("name", tool.name()).put("description", tool.description())
            .put("input_schema", new JsonObject(tool.parameters())));
      }
      body.put("tools", tools);
    }
    return new Request(url, headers, body);
  }

  private static JsonArray assistantContent(ToolRound round) {
    JsonArray content = new JsonArray();
    for (AssistantBlock block : round.assistant()) {
      if (block instanceof AssistantBlock.Thinking thinking) {
        JsonObject json = new JsonObject().put("type", "thinking").put("thinking", thinking.text());
        if (thinking.signature() != null) {
          json.put("signature", thinking.signature());
        }
        content.add(json);
      } else if (block instanceof AssistantBlock.RedactedThinking redacted) {
        content.add(new JsonObject().put("type", "redacted_thinking").put("data", redacted.data()));
      } else if (block instanceof AssistantBlock.Text text) {
        content.add(new JsonObject().put("type", "text").put("text", text.text()));
      } else if (block instanceof AssistantBlock.ToolUse use) {
        content.add(new JsonObject().put("type", "tool_use").put("id", use.id()).put("name", use.name())
            .put("input", new JsonObject(use.argumentsJson())));
      }
    }
    return content;
  }

  @Override
  public StreamDecoder decoder(RoundListener listener) {
    return new AnthropicStreamDecoder(listener);
  }
}
