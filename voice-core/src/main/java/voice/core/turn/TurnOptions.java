package voice.core.turn;

import voice.core.chunk.ChunkerOptions;

/**
 * How the orchestrator takes turns.
 *
 * @param systemPrompt sent first in every request; null or blank for none
 * @param chunker how the answer is cut into speakable chunks
 * @param bargeInMinMs user speech shorter than this while the assistant speaks is not a
 *     barge-in (coughs, "mhm")
 * @param halfDuplex the microphone is ignored while the assistant speaks
 * @param maxHistoryMessages history kept for the model
 */
public record TurnOptions(
    String systemPrompt, ChunkerOptions chunker, long bargeInMinMs, boolean halfDuplex, int maxHistoryMessages) {

  public static final String DEFAULT_SYSTEM_PROMPT =
      "You are a helpful voice assistant. Your answers are spoken aloud, so answer in short, "
          + "plain sentences without markdown, lists or code.";

  public static TurnOptions defaults() {
    return new TurnOptions(DEFAULT_SYSTEM_PROMPT, ChunkerOptions.defaults(), 200, false, 40);
  }

  public TurnOptions withSystemPrompt(String prompt) {
    return new TurnOptions(prompt, chunker, bargeInMinMs, halfDuplex, maxHistoryMessages);
  }

  public TurnOptions withBargeIn(long minMs, boolean halfDuplexOn) {
    return new TurnOptions(systemPrompt, chunker, minMs, halfDuplexOn, maxHistoryMessages);
  }

  public TurnOptions withChunker(ChunkerOptions options) {
    return new TurnOptions(systemPrompt, options, bargeInMinMs, halfDuplex, maxHistoryMessages);
  }
}
