package voice.llm.testserver;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** Anthropic Messages streams in the exact wire format of the streaming docs, built from parts. */
public final class AnthropicStreams {
  private AnthropicStreams() {}

  private static String event(String type, JsonObject data) {
    return "event: " + type + "\ndata: " + data.put("type", type).encode() + "\n\n";
  }

  public static String start(String id) {
    return event("message_start", new JsonObject().put("message", new JsonObject()
        .put("id", id).put("type", "message").put("role", "assistant").put("content", new io.vertx.core.json.JsonArray())
        .put("model", "claude-sonnet-4-5").put("stop_reason", null).put("stop_sequence", null)
        .put("usage", new JsonObject().put("input_tokens", 25).put("output_tokens", 1))));
  }

  public static String textBlockStart(int index) {
    return event("content_block_start", new JsonObject().put("index", index)
        .put("content_block", new JsonObject().put("type", "text").put("text", "")));
  }

  public static String textDelta(int index, String text) {
    return event("content_block_delta", new JsonObject().put("index", index)
        .put("delta", new JsonObject().put("type", "text_delta").put("text", text)));
  }

  public static String blockStop(int index) {
    return event("content_block_stop", new JsonObject().put("index", index));
  }

  public static String end(String stopReason, int outputTokens) {
    return event("message_delta", new JsonObject()
        .put("delta", new JsonObject().put("stop_reason", stopReason).put("stop_sequence", null))
        .put("usage", new JsonObject().put("output_tokens", outputTokens)))
        + event("message_stop", new JsonObject());
  }

  public static String ping() {
    return event("ping", new JsonObject());
  }

  /** A text answer: start, ping, one text block with these deltas, stop. */
  public static String text(String id, List<String> deltas, String stopReason) {
    StringBuilder out = new StringBuilder(start(id)).append(textBlockStart(0)).append(ping());
    deltas.forEach(d -> out.append(textDelta(0, d)));
    return out.append(blockStop(0)).append(end(stopReason, 15)).toString();
  }

  /** Thinking with its signature, some text, then a tool_use block whose input streams as JSON fragments. */
  public static String thinkingThenTool(String id, String thinking, String signature, String text, String toolId,
      String toolName, List<String> jsonFragments) {
    StringBuilder out = new StringBuilder(start(id));
    out.append(event("content_block_start", new JsonObject().put("index", 0)
        .put("content_block", new JsonObject().put("type", "thinking").put("thinking", ""))));
    out.append(event("content_block_delta", new JsonObject().put("index", 0)
        .put("delta", new JsonObject().put("type", "thinking_delta").put("thinking", thinking))));
    out.append(event("content_block_delta", new JsonObject().put("index", 0)
        .put("delta", new JsonObject().put("type", "signature_delta").put("signature", signature))));
    out.append(blockStop(0)).append(textBlockStart(1)).append(textDelta(1, text)).append(blockStop(1));
    out.append(event("content_block_start", new JsonObject().put("index", 2).put("content_block", new JsonObject()
        .put("type", "tool_use").put("id", toolId).put("name", toolName).put("input", new JsonObject()))));
    out.append(event("content_block_delta", new JsonObject().put("index", 2)
        .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", ""))));
    for (String fragment : jsonFragments) {
      out.append(event("content_block_delta", new JsonObject().put("index", 2)
          .put("delta", new JsonObject().put("type", "input_json_delta").put("partial_json", fragment))));
    }
    return out.append(blockStop(2)).append(end("tool_use", 89)).toString();
  }
}
