package voice.llm.turn;

import java.time.Duration;

/**
 * Why a round failed, in one line. {@code retryable} failures (connect errors, 429, 500-503,
 * 529) may be retried by {@link TurnLoop}; {@code retryAfter} is the server's wish or null.
 */
public record LlmFailure(String errorType, String message, boolean retryable, Duration retryAfter) {
  public static LlmFailure fatal(String errorType, String message) {
    return new LlmFailure(errorType, message, false, null);
  }

  public static LlmFailure malformed(String message) {
    return fatal("malformed_stream", message);
  }
}
