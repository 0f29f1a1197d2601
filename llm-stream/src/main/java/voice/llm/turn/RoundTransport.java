package voice.llm.turn;

/**
 * Sends one request of a turn to the model and streams its answer, one message, back as
 * {@link RoundListener} calls. {@link TurnLoop} calls it once per attempt and tool round.
 * HTTP providers use {@link voice.llm.http.HttpRoundTransport}; an SDK or in-process provider
 * (Bedrock, llama.cpp) implements this directly.
 */
public interface RoundTransport {
  /** Starts the request; must not throw: failures go to {@link RoundListener#failed}. */
  RoundHandle start(Exchange exchange, RoundListener listener);

  /** One request in flight. */
  interface RoundHandle {
    /** Closes the request (the connection, or stops generation); nothing more is reported. */
    void close();
  }
}
