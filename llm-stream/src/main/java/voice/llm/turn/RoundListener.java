package voice.llm.turn;

import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;

/**
 * What a provider's decoder reports about one streamed message, already normalized. Block
 * indexes count from 0 within the message. Calls may come from any thread but not
 * concurrently. The round ends with exactly one of {@link #messageStop()} or {@link #failed}.
 */
public interface RoundListener {
  /** The request went out to {@code url} (reported as {@code llm.request}). */
  void requestSent(String url);

  void messageStart(String id, String model);

  /** {@code toolId}/{@code toolName} are set for tool_use blocks (toolId may be null: one is made up). */
  void blockStart(int index, BlockType type, String toolId, String toolName);

  /** Text, thinking text, or a fragment of a tool call's JSON arguments. */
  void blockDelta(int index, String text);

  /** The signature that must be sent back with a thinking block (Anthropic). */
  void thinkingSignature(int index, String signature);

  /** An encrypted thinking block that is never shown but must be sent back (Anthropic). */
  void redactedThinking(int index, String data);

  void blockStop(int index);

  /** Stop reason normalized to end_turn, max_tokens, tool_use, stop_sequence; usage -1 when unknown. */
  void messageDelta(String stopReason, Usage usage);

  /** The message ended as the protocol says it must. */
  void messageStop();

  void failed(LlmFailure failure);
}
