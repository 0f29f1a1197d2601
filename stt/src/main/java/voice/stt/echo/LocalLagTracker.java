package voice.stt.echo;

/**
 * Follows quick changes of the echo delay that the long-window {@link EchoDelayEstimator} is too
 * slow (or too cautious) to take: the emulated playback restarts as soon as audio arrives, while
 * the device may still be playing what it buffered, so after a pause the microphone can hear the
 * loudspeaker 100 ms or more later than before. This correlates the envelopes over the last
 * {@value #WINDOW_BLOCKS} blocks (about 0.3 s) at lags from a little below the known delay to
 * {@value #MAX_EXTRA_BLOCKS} blocks above it, and reports a lag only when the match is clear, so
 * a different voice talking over the assistant rarely gets one.
 */
final class LocalLagTracker {
  private static final int WINDOW_BLOCKS = 64; // 256 ms
  private static final int MAX_BELOW_BLOCKS = 4;
  static final int MAX_EXTRA_BLOCKS = 50; // 200 ms later than the known delay
  private static final double MIN_CORRELATION = 0.8;
  private static final float ACTIVE_REF = 100;
  private static final double MIN_ACTIVE_SHARE = 0.3;

  private final double[] mic = new double[WINDOW_BLOCKS];
  private final double[] ref = new double[WINDOW_BLOCKS];

  /** The lag, in blocks, at which the last 0.3 s of microphone best matches the reference; -1 if none matches clearly. */
  int update(SharedClockHistory history, int knownDelayBlocks) {
    long end = history.blocks();
    long start = end - WINDOW_BLOCKS;
    if (knownDelayBlocks < 0 || start - knownDelayBlocks - MAX_EXTRA_BLOCKS < 0) {
      return -1;
    }
    double micMean = 0;
    for (int i = 0; i < WINDOW_BLOCKS; i++) {
      mic[i] = history.micBlock(start + i);
      micMean += mic[i];
    }
    micMean /= WINDOW_BLOCKS;
    double micVar = 0;
    for (int i = 0; i < WINDOW_BLOCKS; i++) {
      mic[i] -= micMean;
      micVar += mic[i] * mic[i];
    }
    if (micVar <= 0) {
      return -1;
    }
    double best = MIN_CORRELATION;
    int bestLag = -1;
    int from = Math.max(0, knownDelayBlocks - MAX_BELOW_BLOCKS);
    int to = Math.min(EchoDelayEstimator.MAX_LAG_BLOCKS + MAX_EXTRA_BLOCKS, knownDelayBlocks + MAX_EXTRA_BLOCKS);
    for (int lag = from; lag <= to; lag++) {
      double c = correlation(history, micVar, start - lag);
      if (c > best) {
        best = c;
        bestLag = lag;
      }
    }
    return bestLag;
  }

  private double correlation(SharedClockHistory history, double micVar, long refStart) {
    double mean = 0;
    int active = 0;
    for (int i = 0; i < WINDOW_BLOCKS; i++) {
      float r = history.refBlock(refStart + i);
      ref[i] = r;
      mean += r;
      if (r > ACTIVE_REF) {
        active++;
      }
    }
    if (active < MIN_ACTIVE_SHARE * WINDOW_BLOCKS) {
      return -1;
    }
    mean /= WINDOW_BLOCKS;
    double cov = 0;
    double var = 0;
    for (int i = 0; i < WINDOW_BLOCKS; i++) {
      double r = ref[i] - mean;
      cov += mic[i] * r;
      var += r * r;
    }
    return var <= 0 ? -1 : cov / Math.sqrt(micVar * var);
  }
}
