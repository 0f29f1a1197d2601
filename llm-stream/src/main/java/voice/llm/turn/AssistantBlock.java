package voice.llm.turn;

/** One content block the model wrote in a tool round, kept to send back in the next request. */
public sealed interface AssistantBlock {
  record Text(String text) implements AssistantBlock {}

  /** {@code signature} as the provider sent it (Anthropic requires it back), or null. */
  record Thinking(String text, String signature) implements AssistantBlock {}

  record RedactedThinking(String data) implements AssistantBlock {}

  /** {@code argumentsJson} is a valid JSON object. */
  record ToolUse(String id, String name, String argumentsJson) implements AssistantBlock {}
}
