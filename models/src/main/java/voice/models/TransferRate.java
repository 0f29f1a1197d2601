package voice.models;

import java.util.Locale;

/** Rate and time left of a transfer, measured from its start. */
final class TransferRate {
  private final long startNanos = System.nanoTime();
  private final long resumedFrom;

  TransferRate(long resumedFrom) {
    this.resumedFrom = resumedFrom;
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Bytes per second over this session (not counting what a resume already had). */
  long bytesPerSecond(long done) {
    long millis = Math.max(1, elapsedMillis());
    return (done - resumedFrom) * 1000 / millis;
  }

  String eta(long done, long total) {
    long rate = bytesPerSecond(done);
    if (total <= 0 || rate <= 0 || elapsedMillis() < 500) {
      return "--:--";
    }
    long seconds = (total - done) / rate;
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
