package voice.stt.echo;

/**
 * Finds how late the microphone hears the loudspeaker: the lag (0–400 ms) at which the 4 ms
 * amplitude envelopes of microphone and reference correlate best over the last two seconds (or the first 0.8 s).
 * A lag is only taken when the correlation is clear, so a user talking over the assistant, or a
 * room without echo, leaves the last good estimate (or none) in place.
 */
final class EchoDelayEstimator {
  static final int MAX_LAG_BLOCKS = 100; // 400 ms
  private static final int WINDOW_BLOCKS = 500; // 2 s
  private static final int MIN_WINDOW_BLOCKS = 200; // the first estimate after 1.2 s
  private static final double MIN_CORRELATION = 0.6;
  private static final float ACTIVE_REF = 100; // envelope RMS of audible reference
  private static final double MIN_ACTIVE_SHARE = 0.25;
  private static final double SWITCH_MARGIN = 0.05;

  private int delayBlocks = -1;
  private double lastCorrelation;

  /** Re-estimates from the history; returns the delay in blocks, -1 while unknown. */
  int update(SharedClockHistory history) {
    long end = history.blocks();
    int window = (int) Math.min(WINDOW_BLOCKS, end - MAX_LAG_BLOCKS);
    if (window < MIN_WINDOW_BLOCKS) {
      return delayBlocks;
    }
    long start = end - window;
    if (activeShare(history, end - window / 4 - MAX_LAG_BLOCKS, end) < MIN_ACTIVE_SHARE) {
      return delayBlocks; // the loudspeaker went quiet lately: the window would match on a tail
    }
    double[] mic = new double[window];
    double micMean = 0;
    for (int i = 0; i < window; i++) {
      mic[i] = history.micBlock(start + i);
      micMean += mic[i];
    }
    micMean /= window;
    double micVar = 0;
    for (int i = 0; i < window; i++) {
      mic[i] -= micMean;
      micVar += mic[i] * mic[i];
    }
    if (micVar <= 0) {
      return delayBlocks;
    }
    double best = -1;
    int bestLag = -1;
    for (int lag = 0; lag <= MAX_LAG_BLOCKS; lag++) {
      double c = correlation(history, mic, micVar, start - lag);
      if (c > best) {
        best = c;
        bestLag = lag;
      }
    }
    lastCorrelation = best;
    // A new lag must clearly beat the one in use, so near-equal peaks do not flip it back and forth.
    if (best >= MIN_CORRELATION && (delayBlocks < 0
        || best > correlation(history, mic, micVar, start - delayBlocks) + SWITCH_MARGIN)) {
      delayBlocks = bestLag;
    }
    return delayBlocks;
  }

  private static double activeShare(SharedClockHistory history, long from, long to) {
    int active = 0;
    for (long b = from; b < to; b++) {
      if (history.refBlock(b) > ACTIVE_REF) {
        active++;
      }
    }
    return to <= from ? 0 : active / (double) (to - from);
  }

  /** Normalized correlation of the centred microphone window with the reference from {@code refStart}; -1 if the reference was mostly silent. */
  private static double correlation(SharedClockHistory history, double[] mic, double micVar, long refStart) {
    double mean = 0;
    int active = 0;
    double[] ref = new double[mic.length];
    for (int i = 0; i < mic.length; i++) {
      float r = history.refBlock(refStart + i);
      ref[i] = r;
      mean += ref[i];
      if (r > ACTIVE_REF) {
        active++;
      }
    }
    if (active < MIN_ACTIVE_SHARE * mic.length) {
      return -1;
    }
    mean /= mic.length;
    double cov = 0;
    double var = 0;
    for (int i = 0; i < mic.length; i++) {
      double r = ref[i] - mean;
      cov += mic[i] * r;
      var += r * r;
    }
    return var <= 0 ? -1 : cov / Math.sqrt(micVar * var);
  }

  int delayBlocks() {
    return delayBlocks;
  }

  double lastCorrelation() {
    return lastCorrelation;
  }
}
