package voice.agent.server.openai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import voice.core.llm.LlmEvent;

/** The Chat Completions response objects, streamed chunks and the whole completion. */
final class CompletionJson {
  private final String id;
  private final long created;
  private final String model;

  CompletionJson(String id, long created, String model) {
    this.id = id;
    this.created = created;
    this.model = model;
  }

  /** The completion's id, which is also the request id in error messages and the log. */
  String id() {
    return id;
  }

  /** A {@code chat.completion.chunk} with {@code delta}; {@code finishReason} null until the last. */
  JsonObject chunk(JsonObject delta, String finishReason) {
    JsonObject choice = new JsonObject().put("index", 0).put("delta", delta)
        .put("logprobs", null).put("finish_reason", finishReason);
    return base("chat.completion.chunk").put("choices", new JsonArray().add(choice));
  }

  /** The usage chunk sent when {@code stream_options.include_usage} is set: no choices. */
  JsonObject usageChunk(LlmEvent.Usage usage) {
    return base("chat.completion.chunk").put("choices", new JsonArray()).put("usage", usage(usage));
  }

  JsonObject completion(String text, String finishReason, LlmEvent.Usage usage) {
    JsonObject message = new JsonObject().put("role", "assistant").put("content", text).put("refusal", null);
    JsonObject choice = new JsonObject().put("index", 0).put("message", message)
        .put("logprobs", null).put("finish_reason", finishReason);
    return base("chat.completion").put("choices", new JsonArray().add(choice)).put("usage", usage(usage));
  }

  /** The provider's stop reason in OpenAI's words. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "max_tokens", "length" -> "length";
      case "content_filter" -> "content_filter";
      default -> "stop";
    };
  }

  private JsonObject base(String object) {
    return new JsonObject().put("id", id).put("object", object).put("created", created).put("model", model);
  }

  private static JsonObject usage(LlmEvent.Usage usage) {
    int in = usage == null ? 0 : Math.max(0, usage.inputTokens());
    int out = usage == null ? 0 : Math.max(0, usage.outputTokens());
    return new JsonObject().put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
  }
}
