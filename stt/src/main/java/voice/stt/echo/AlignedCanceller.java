package voice.stt.echo;

/**
 * speexdsp's canceller as the {@link EchoGate} drives it: its reference held back to
 * {@link #ALIGN_MARGIN} before the echo delay the gate found, so its short filter
 * ({@link SpeexEchoCanceller#TAIL_MS}) spans the room's response rather than the delay, and its
 * output measured in the {@link VoiceBand}, where that filter fits the room. It counts the
 * loudspeaker it has heard since it was last aligned (its warm-up) and how much it took off.
 */
final class AlignedCanceller implements AutoCloseable {
  // Held back to 16 ms before the echo delay (the filter spans 128 ms from there), and aligned
  // anew, forgetting the room, when the delay found has stayed more than 24 ms away for a second:
  // the delay search flickers for 100 ms at times (200 -> 156 -> 200 ms while a user talked), and
  // each alignment costs the warm-up.
  private static final int ALIGN_MARGIN = 16 * 16;
  private static final int ALIGN_SLACK = 24 * 16;
  private static final int ALIGN_PATIENCE = 16_000;
  // The filter needs several seconds of the loudspeaker to fit the room: aligned, it takes 15-20 dB
  // off below 3 kHz after 2-3 s, but a loud passage with new sounds still came out only 8-10 dB
  // down after 7 s of speech (the loudspeaker room's first answer, 8 s in). Until then the gate
  // trusts it no more than itself.
  private static final long WARM_UP_SAMPLES = 9 * 16_000;

  private final SpeexEchoCanceller canceller;
  private final ReferenceDelayLine delayLine = new ReferenceDelayLine();
  private final VoiceBand rawBand = new VoiceBand();
  private final VoiceBand judgedBand = new VoiceBand();
  private final double[] band;
  private final short[] reference;
  private int delay; // samples the reference is held back
  private boolean aligned;
  private int awaySamples; // how long the delay found has been elsewhere
  private int alignments;
  private long heardSamples; // loudspeaker samples cancelled since the last alignment
  private double echoBefore;
  private double echoAfter;

  AlignedCanceller(SpeexEchoCanceller canceller) {
    this.canceller = canceller;
    this.band = new double[canceller.frameSize()];
    this.reference = new short[canceller.frameSize()];
  }

  /** Whether {@code n} samples are one of its frames. */
  boolean fits(int n) {
    return n == canceller.frameSize();
  }

  /** The loudspeaker's next {@code n} samples, on the microphone's clock; every frame, cancelled or not. */
  void played(short[] played, int n) {
    delayLine.push(played, n);
  }

  /**
   * Cancels the echo from one whole frame {@code pcm[off..]} in place, the echo delay being
   * {@code delaySamples} (-1 unknown); {@code raw} and {@code played} are the frame as captured and
   * what the loudspeaker played meanwhile. Returns the voice-band energy of the frame once the
   * residual-echo suppression has also run (on a copy).
   */
  double cancel(short[] pcm, int off, short[] raw, short[] played, int delaySamples) {
    int n = canceller.frameSize();
    align(delaySamples);
    delayLine.delayed(reference, n, delay);
    canceller.cancel(pcm, off, reference);
    if (EchoGate.energy(played, 0, n) > EchoGate.AUDIBLE_REF) {
      heardSamples += n;
      echoBefore += EchoGate.energy(raw, 0, n);
      echoAfter += EchoGate.energy(pcm, off, n);
    }
    judgedBand.filter(canceller.judged(), band, n);
    return VoiceBand.energy(band, n);
  }

  /** The voice-band energy of {@code n} samples as captured (its own filter state: call it on every frame). */
  double rawBandEnergy(short[] raw, int n) {
    double[] out = n <= band.length ? band : new double[n];
    rawBand.filter(raw, out, n);
    return VoiceBand.energy(out, n);
  }

  private void align(int delaySamples) {
    if (delaySamples < 0) {
      return;
    }
    int wanted = Math.max(0, delaySamples - ALIGN_MARGIN);
    if (Math.abs(wanted - delay) <= ALIGN_SLACK) {
      awaySamples = 0;
      aligned = true;
      return;
    }
    awaySamples += canceller.frameSize();
    if (!aligned || awaySamples >= ALIGN_PATIENCE) {
      aligned = true;
      awaySamples = 0;
      delay = wanted;
      canceller.reset();
      heardSamples = 0;
      alignments++;
    }
  }

  /** Whether it has heard enough of the loudspeaker since it was aligned to be trusted. */
  boolean warmedUp() {
    return heardSamples >= WARM_UP_SAMPLES;
  }

  /** How many times it was aligned anew (what it lately left no longer tells what it leaves). */
  int alignments() {
    return alignments;
  }

  /** How much it turned the microphone down while the loudspeaker played, in dB; NaN before. */
  double cancelledDb() {
    return echoAfter <= 0 ? Double.NaN : 10 * Math.log10(echoBefore / echoAfter);
  }

  double coreShare() {
    return canceller.coreShare();
  }

  @Override
  public void close() {
    canceller.close();
  }
}
