package voice.agent;

/**
 * A failure the user can act on: printed as one line ({@code voice-agent: message}), no stack
 * trace, and the process exits with {@code exitCode}.
 */
public class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(String message) {
    this(message, 1);
  }

  public UserError(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
