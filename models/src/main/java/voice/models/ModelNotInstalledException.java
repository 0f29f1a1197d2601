package voice.models;

/** A catalogue model was asked for but is not in the models folder. */
public final class ModelNotInstalledException extends ModelException {
  private final String id;

  public ModelNotInstalledException(String id) {
    super("model " + id + " is not installed: run voice-agent models pull " + id);
    this.id = id;
  }

  public String id() {
    return id;
  }
}
