package voice.stt.echo;

/**
 * The reference as the microphone hears it, for the canceller: what the loudspeaker played
 * {@code delay} samples before each microphone sample, up to {@link #MAX_DELAY} (the gate's 400 ms
 * search plus the local tracker's 200 ms).
 */
final class ReferenceDelayLine {
  static final int MAX_DELAY = 600 * 16;
  private static final int SIZE = 1 << 14; // > MAX_DELAY + a frame

  private final short[] ring = new short[SIZE];
  private long written;

  /** Appends the loudspeaker's next {@code n} samples. */
  void push(short[] played, int n) {
    for (int i = 0; i < n; i++) {
      ring[(int) ((written + i) & (SIZE - 1))] = played[i];
    }
    written += n;
  }

  /** The last {@code n} samples pushed, each as it was {@code delay} samples earlier, into {@code out}. */
  void delayed(short[] out, int n, int delay) {
    long from = written - n - delay;
    for (int i = 0; i < n; i++) {
      long at = from + i;
      out[i] = at < 0 ? 0 : ring[(int) (at & (SIZE - 1))];
    }
  }
}
