package voice.llm;

/** One running turn of a model; the handle to stop it. */
public interface LlmCall {
  /**
   * Stops the turn: the upstream request is closed (so generation and billing stop) and no
   * further event is delivered, not even a terminal one. Idempotent, callable from any thread.
   */
  void cancel();
}
