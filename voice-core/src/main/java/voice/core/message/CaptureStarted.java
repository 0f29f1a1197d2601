package voice.core.message;

/**
 * The first frame of an input stream entered the pipeline at {@code tMs} (monotonic
 * milliseconds, {@link voice.core.event.MonotonicClock}). Input positions ({@code atMs} of a
 * {@link VadEvent}, a {@link Transcript}'s times) count from this instant.
 */
public record CaptureStarted(long tMs) {}
