package voice.core.message;

/** Broadcast on {@code voice.turn.cancel}: drop all work and messages of {@code turn}. */
public record TurnCancel(String turn, Reason reason) {
  public enum Reason {
    /** The user spoke over the assistant. */
    bargein,
    /** Ctrl-C, a client's interrupt or disconnect. */
    cancelled,
    /** A stage failed and the turn cannot go on. */
    error
  }
}
