package voice.core.llm;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The one normalized stream every provider's answer is mapped onto, shaped like the richest
 * provider's (Anthropic Messages): a message holds content blocks of text, thinking or tool
 * use, each opened, filled by deltas and closed. A turn with tool calls holds several messages;
 * the last one's {@link MessageStop#endOfTurn()} is true. Exactly one of {@link MessageStop}
 * with {@code endOfTurn} or {@link LlmError} ends a turn's stream.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = LlmEvent.RequestSent.class, name = "request"),
  @JsonSubTypes.Type(value = LlmEvent.MessageStart.class, name = "message_start"),
  @JsonSubTypes.Type(value = LlmEvent.BlockStart.class, name = "content_block_start"),
  @JsonSubTypes.Type(value = LlmEvent.BlockDelta.class, name = "content_block_delta"),
  @JsonSubTypes.Type(value = LlmEvent.BlockStop.class, name = "content_block_stop"),
  @JsonSubTypes.Type(value = LlmEvent.MessageDelta.class, name = "message_delta"),
  @JsonSubTypes.Type(value = LlmEvent.MessageStop.class, name = "message_stop"),
  @JsonSubTypes.Type(value = LlmEvent.ToolCall.class, name = "tool_call"),
  @JsonSubTypes.Type(value = LlmEvent.ToolResult.class, name = "tool_result"),
  @JsonSubTypes.Type(value = LlmEvent.LlmError.class, name = "error")
})
public sealed interface LlmEvent {
  String turn();

  /** The kind of a content block. */
  enum BlockType { text, thinking, tool_use }

  /** The request went out (never carries a key). */
  record RequestSent(String turn, String provider, String model, String url) implements LlmEvent {}

  record MessageStart(String turn, String id, String model) implements LlmEvent {}

  /** For {@code tool_use} blocks {@code toolId} and {@code toolName} are set. */
  record BlockStart(String turn, int index, BlockType type, String toolId, String toolName) implements LlmEvent {}

  /** Text, thinking text, or a fragment of a tool call's JSON arguments. */
  record BlockDelta(String turn, int index, BlockType type, String text) implements LlmEvent {}

  record BlockStop(String turn, int index) implements LlmEvent {}

  /** {@code stopReason} as the provider says it, normalized to end_turn, max_tokens, tool_use, stop_sequence. */
  record MessageDelta(String turn, String stopReason, Usage usage) implements LlmEvent {}

  record MessageStop(String turn, boolean endOfTurn) implements LlmEvent {}

  /** A complete tool call, its JSON arguments parsed and re-serialized. */
  record ToolCall(String turn, String id, String name, String argumentsJson) implements LlmEvent {}

  record ToolResult(String turn, String id, String name, String content, boolean isError) implements LlmEvent {}

  /** The turn's stream failed; {@code errorType} e.g. {@code overloaded_error}, {@code http_error}, {@code timeout}. */
  record LlmError(String turn, String errorType, String message) implements LlmEvent {}

  /** Token counts as the provider reports them; -1 when unknown. */
  record Usage(int inputTokens, int outputTokens) {}
}
