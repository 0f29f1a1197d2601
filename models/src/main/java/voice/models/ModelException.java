package voice.models;

/** A model problem the user can act on; the message is one clear line. */
public class ModelException extends RuntimeException {
  public ModelException(String message) {
    super(message, null, false, false);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
