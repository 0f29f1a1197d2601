package voice.stt;

/** An engine or its model is missing; the message is one line saying how to install it. */
public final class SpeechEngineUnavailable extends RuntimeException {
  public SpeechEngineUnavailable(String message) {
    super(message, null, false, false);
  }
}
