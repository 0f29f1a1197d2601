package voice.core.event;

/** Milliseconds since this process started, never going backwards (the {@code t_ms} of events). */
public final class MonotonicClock {
  private static final long START = System.nanoTime();

  private MonotonicClock() {}

  public static long millis() {
    return (System.nanoTime() - START) / 1_000_000L;
  }

  /** Microseconds on the same clock: fine enough to line up audio sample by sample. */
  public static long micros() {
    return (System.nanoTime() - START) / 1_000L;
  }

  public static double millisPrecise() {
    return (System.nanoTime() - START) / 1_000_000.0;
  }
}
