package voice.core.message;

/**
 * The input stream ended (end of a replayed file, a closed socket) and recognition has taken in
 * all of it, at {@code tMs} (monotonic milliseconds): no later transcript of this input comes.
 */
public record InputEnded(long tMs) {}
