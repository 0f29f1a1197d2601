package voice.core.message;

/** The wake word {@code phrase} was heard (public event {@code wake.detected}). */
public record WakeDetected(String phrase) {}
