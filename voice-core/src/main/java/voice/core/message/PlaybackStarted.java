package voice.core.message;

/** The sink began playing {@code turn}'s audio at {@code tMs} (monotonic milliseconds). */
public record PlaybackStarted(String turn, long tMs) {}
