package voice.stt.echo;

/**
 * The recent past of the reference and the microphone on one sample clock (16 kHz): the
 * reference's running energy, so any window's energy at any lag is one subtraction, and both
 * signals' 4 ms amplitude envelopes, which the delay search correlates.
 */
final class SharedClockHistory {
  static final int BLOCK = 64; // 4 ms
  private static final int TAIL_FRAMES = 10; // reverberation considered: 200 ms of 20 ms frames
  private static final int TAIL_FRAME = 320; // 20 ms, the gate's decision frame
  private static final double TAIL_DECAY = Math.pow(10, -0.3); // -3 dB per 20 ms
  private static final int JITTER_BLOCKS = 3; // ±12 ms between the emulated and the real device
  private static final int SAMPLES = 1 << 15; // about 2 s of running energy
  static final int BLOCKS = 1 << 10; // about 4 s of envelope

  private final long[] refPrefix = new long[SAMPLES];
  private final float[] micEnvelope = new float[BLOCKS];
  private final float[] refEnvelope = new float[BLOCKS];
  private long now; // samples seen so far
  private long refTotal;
  private long micBlockSum;
  private long refBlockStart;

  /** Appends one sample pair. */
  void add(short mic, short ref) {
    refTotal += (long) ref * ref;
    micBlockSum += (long) mic * mic;
    now++;
    refPrefix[(int) (now & (SAMPLES - 1))] = refTotal;
    if (now % BLOCK == 0) {
      int block = (int) ((now / BLOCK - 1) & (BLOCKS - 1));
      micEnvelope[block] = (float) Math.sqrt(micBlockSum / (double) BLOCK);
      refEnvelope[block] = (float) Math.sqrt((refTotal - refBlockStart) / (double) BLOCK);
      micBlockSum = 0;
      refBlockStart = refTotal;
    }
  }

  long now() {
    return now;
  }

  /** Mean square of the reference over {@code [from, to)} on the clock, 0 outside what is kept. */
  double refEnergy(long from, long to) {
    long lo = Math.max(from, Math.max(0, now - SAMPLES + 1));
    long hi = Math.min(to, now);
    if (hi <= lo) {
      return 0;
    }
    return (prefixAt(hi) - prefixAt(lo)) / (double) (to - from);
  }

  /** The reference energy the microphone may hear now at the known delay, allowing for jitter and a reverberant tail. */
  double alignedReference(long from, long to, int delayBlocks) {
    long lag = (long) delayBlocks * BLOCK;
    double most = 0;
    for (int j = -JITTER_BLOCKS; j <= JITTER_BLOCKS; j++) {
      long shift = Math.max(0, lag + (long) j * BLOCK);
      most = Math.max(most, refEnergy(from - shift, to - shift));
    }
    double decay = 1;
    for (int k = 1; k <= TAIL_FRAMES; k++) {
      decay *= TAIL_DECAY;
      long shift = lag + (long) k * TAIL_FRAME;
      most = Math.max(most, decay * refEnergy(from - shift, to - shift));
    }
    return most;
  }

  /** The loudest reference energy over every lag the delay search considers. */
  double loudestReference(long from, long to) {
    double most = 0;
    for (int lag = 0; lag <= EchoDelayEstimator.MAX_LAG_BLOCKS; lag++) {
      long shift = (long) lag * BLOCK;
      most = Math.max(most, refEnergy(from - shift, to - shift));
    }
    return most;
  }

  private long prefixAt(long t) {
    return t == 0 ? 0 : refPrefix[(int) (t & (SAMPLES - 1))];
  }

  /** Completed envelope blocks so far. */
  long blocks() {
    return now / BLOCK;
  }

  float micBlock(long block) {
    return micEnvelope[(int) (block & (BLOCKS - 1))];
  }

  float refBlock(long block) {
    return block < 0 ? 0 : refEnvelope[(int) (block & (BLOCKS - 1))];
  }
}
