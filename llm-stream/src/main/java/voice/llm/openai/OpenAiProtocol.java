package voice.llm.openai;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import voice.llm.LlmConfig;
import voice.llm.http.RoleMessages;
import voice.llm.http.WireProtocol;
import voice.llm.tools.ToolSpec;
import voice.llm.turn.AssistantBlock;
import voice.llm.turn.Exchange;
import voice.llm.turn.RoundListener;
import voice.llm.turn.ToolRound;
import voice.core.llm.LlmEvent.ToolResult;

/**
 * OpenAI Chat Completions streaming ({@code POST {base}/chat/completions}, the base ending in
 * {@code /v1} as in the official SDKs), also served by Ollama's /v1, llama.cpp server, vLLM and
 * LM Studio. Tool results go back as {@code role: tool} messages with the call's id.
 */
public final class OpenAiProtocol implements WireProtocol {
  private final String url;

  public OpenAiProtocol(LlmConfig config) {
    this.url = config.baseUrlOrDefault() + "/chat/completions";
  }

  @Override
  public Request request(Exchange exchange) {
    LlmConfig config = exchange.config();
    MultiMap headers = RoleMessages.headers(config, "text/event-stream");
    JsonArray messages = RoleMessages.of(exchange, OpenAiProtocol::addRound);
    JsonObject body = new JsonObject()
        .put("model", config.model())
        .put("messages", messages)
        .put("stream", true)
        .put("stream_options", new JsonObject().put("include_usage", true))
        .put("max_tokens", config.maxTokens());
    if (config.temperature() != null) {
      body.put("temperature", config.temperature());
    }
    if (!exchange.tools().isEmpty()) {
      JsonArray tools = new JsonArray();
      for (ToolSpec tool : exchange.tools()) {
        tools.add(new JsonObject().put("type", "function").put("function", new JsonObject()
            .put("name", tool.name())
            .put("description", tool.description())
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
        calls.add(new JsonObject().put("id", use.id()).put("type", "function")
            .put("function", new JsonObject().put("name", use.name()).put("arguments", use.argumentsJson())));
      }
    }
    messages.add(new JsonObject().put("role", "assistant")
        .put("content", text.length() == 0 ? null : text.toString())
        .put("tool_calls", calls));
    for (ToolResult result : round.results()) {
      messages.add(new JsonObject().put("role", "tool").put("tool_call_id", result.id()).put("content", result.content()));
    }
  }

  @Override
  public StreamDecoder decoder(RoundListener listener) {
    return new OpenAiStreamDecoder(listener);
  }
}
