package voice.stt.echo;

import java.util.Arrays;

/**
 * How loud the echo is against the reference: the median of recent microphone/reference energy
 * ratios. The median ignores a user talking over the assistant for less than half the window.
 */
final class CouplingEstimate {
  private static final int WINDOW = 100; // frames, about 2 s of playback
  static final int MIN_FRAMES = 25;

  private final double[] ratios = new double[WINDOW];
  private int count;
  private int next;

  void add(double ratio) {
    ratios[next] = ratio;
    next = (next + 1) % WINDOW;
    count = Math.min(count + 1, WINDOW);
  }

  /** Forgets every ratio: the echo path may have changed. */
  void reset() {
    count = 0;
    next = 0;
  }

  boolean ready() {
    return count >= MIN_FRAMES;
  }

  /** The power gain from reference to microphone; meaningful once {@link #ready()}. */
  double gain() {
    double[] sorted = Arrays.copyOf(ratios, count);
    Arrays.sort(sorted);
    return sorted[count / 2];
  }
}
