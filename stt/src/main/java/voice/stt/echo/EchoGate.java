package voice.stt.echo;

import voice.core.audio.Resampler;

/**
 * Keeps the assistant's own voice, heard back through the microphone, from counting as speech.
 *
 * <p>It is told the audio sent to the loudspeaker ({@link #addReference}) and when a turn's
 * audio stops ({@link #stopTurn}); {@link #process} then plays that reference on the
 * microphone's clock (see {@link PlaybackReference}) and, for each 20 ms of microphone input,
 * predicts the echo energy from the reference: the delay is found by envelope correlation
 * ({@link EchoDelayEstimator}), the coupling gain from recent energy ratios
 * ({@link CouplingEstimate}). Input that the predicted echo explains is turned down to the
 * room's noise floor, so the voice detector never hears it; input clearly above the prediction
 * (a user talking over the assistant) passes unchanged. Until a delay is known the prediction
 * takes the loudest reference of the whole 0–400 ms range, a stricter bar; before any coupling
 * is learnt it assumes the echo as loud as the reference. With no reference in that range the
 * input passes untouched.
 *
 * <p>Because the emulated playback can run ahead of the device after a pause, a short-window
 * search ({@link LocalLagTracker}) follows sudden delay jumps the long estimate is slow to take;
 * and the 20 ms after a frame judged echo is held to a 3 dB looser bar, so the bursts that slip
 * through where the prediction lags stay too short to be speech.
 *
 * <p>With a {@link SpeexEchoCanceller}, each whole frame first has the echo subtracted, and the
 * gate judges what is left: its coupling estimate then learns the residual's level, so a user
 * about as loud as the echo passes where the gate alone would hold them back. Known limit: when
 * the room's delay shifts by a millisecond mid-answer the filter stops fitting, and until the
 * coupling estimate catches up a residual burst can pass as speech (hence {@code --aec off} by
 * default).
 *
 * <p>Not thread-safe: one thread (the recognizer's) calls everything in arrival order.
 */
public final class EchoGate implements AutoCloseable {
  private static final int FRAME = 320; // 20 ms decisions
  private static final int TAIL_FRAMES = 10; // reverberation considered: 200 ms
  private static final double TAIL_DECAY = Math.pow(10, -0.3); // -3 dB per 20 ms
  private static final int JITTER_BLOCKS = 3; // ±12 ms between the emulated and the real device
  private static final double AUDIBLE_REF = 1e4; // mean square of a reference worth learning from
  private static final int DELAY_UPDATE_SAMPLES = 1600; // re-estimate every 100 ms
  private static final int HOLD_FRAMES = 1; // after an echo frame, the next 20 ms is held to a looser bar
  private static final int RESTART_FRAMES = 3; // 60 ms without reference: playback paused
  private static final double HOLD_SLACK = Math.pow(10, 3 / 10.0); // 3 dB: loose enough for onset leaks, not for a user

  private final SpeexEchoCanceller canceller;
  private final double marginKnownDelay;
  private final double marginUnknownDelay;
  private final PlaybackReference reference = new PlaybackReference();
  private final SharedClockHistory history = new SharedClockHistory();
  private final EchoDelayEstimator delay = new EchoDelayEstimator();
  private final LocalLagTracker localLag = new LocalLagTracker();
  private final CouplingEstimate alignedCoupling = new CouplingEstimate();
  private final CouplingEstimate looseCoupling = new CouplingEstimate();
  private Resampler resampler;
  private int resamplerRate;
  private String resamplerTurn;
  private short[] played = new short[FRAME];
  private double floorDb = Double.NaN;
  private long sinceDelayUpdate;
  private long suppressedSamples;
  private int alignedDelayBlocks = -1;
  private int holdFrames;
  private int silentReferenceFrames;

  /** Margins of 8 dB (delay known) and 10 dB (delay not yet known) over the predicted echo; no canceller. */
  public EchoGate() {
    this(null);
  }

  /** The default margins, behind {@code canceller} (null: the gate alone). It closes with the gate. */
  public EchoGate(SpeexEchoCanceller canceller) {
    this(canceller, 8, 10);
  }

  public EchoGate(SpeexEchoCanceller canceller, double marginKnownDelayDb, double marginUnknownDelayDb) {
    this.canceller = canceller;
    this.marginKnownDelay = Math.pow(10, marginKnownDelayDb / 10);
    this.marginUnknownDelay = Math.pow(10, marginUnknownDelayDb / 10);
  }

  /** Audio of {@code turn} just sent to the loudspeaker, mono 16-bit at {@code sampleRate}. */
  public void addReference(String turn, int sampleRate, short[] pcm) {
    if (resampler == null || !turn.equals(resamplerTurn) || resamplerRate != sampleRate) {
      resampler = new Resampler(sampleRate, Resampler.RATE_16K);
      resamplerRate = sampleRate;
      resamplerTurn = turn;
    }
    reference.add(turn, resampler.process(pcm, 0, pcm.length));
  }

  /** The turn's audio stopped; what of it was not yet played never will be. */
  public void stopTurn(String turn) {
    reference.stop(turn);
  }

  /** Gates 16 kHz microphone samples in place; returns true if any of them was echo. */
  public boolean process(short[] pcm, int off, int len) {
    boolean any = false;
    for (int at = off; at < off + len; at += FRAME) {
      any |= frame(pcm, at, Math.min(FRAME, off + len - at));
    }
    return any;
  }

  private boolean frame(short[] pcm, int off, int n) {
    if (played.length < n) {
      played = new short[n];
    }
    reference.play(played, 0, n);
    if (canceller != null) {
      relearnAfterARestart(played, n);
      if (n == canceller.frameSize()) {
        canceller.cancel(pcm, off, played);
      }
    }
    double micEnergy = 0;
    for (int i = 0; i < n; i++) {
      micEnergy += (double) pcm[off + i] * pcm[off + i];
      history.add(pcm[off + i], played[i]);
    }
    micEnergy /= n;
    long to = history.now();
    long from = to - n;
    sinceDelayUpdate += n;
    if (sinceDelayUpdate >= DELAY_UPDATE_SAMPLES) {
      sinceDelayUpdate = 0;
      alignedDelayBlocks = delay.update(history);
    }
    double loose = loudestReference(from, to);
    double aligned = alignedDelayBlocks < 0 ? 0 : alignedReference(from, to, alignedDelayBlocks);
    int recentLag = localLag.update(history, alignedDelayBlocks);
    if (recentLag >= 0) {
      aligned = Math.max(aligned, alignedReference(from, to, recentLag));
    }
    double noise = noiseFloor(micEnergy, loose);
    double excess = Math.max(0, micEnergy - noise);
    boolean echo = isEcho(excess, loose, aligned, 1);
    // Leaks come as short bursts where the prediction lags the room: right after an echo frame
    // the bar is a little higher, so such a burst loses its first frame and stays too short for
    // speech, while a user (well above the echo) still passes.
    if (echo) {
      holdFrames = HOLD_FRAMES;
    } else if (holdFrames > 0 && isEcho(excess, loose, aligned, HOLD_SLACK)) {
      holdFrames--;
      echo = true;
    } else {
      holdFrames = 0;
    }
    if (aligned > AUDIBLE_REF) {
      alignedCoupling.add(excess / aligned);
    }
    if (loose > AUDIBLE_REF) {
      looseCoupling.add(excess / loose);
    }
    if (echo) {
      suppressedSamples += n;
      double scale = micEnergy <= noise ? 1 : Math.sqrt(noise / micEnergy);
      for (int i = off; i < off + n; i++) {
        pcm[i] = (short) Math.round(pcm[i] * scale);
      }
    }
    return echo;
  }

  /**
   * Playback that restarts after a pause may reach the microphone with a different delay (the
   * device and its emulation here start apart), and the canceller's filter no longer fits it: its
   * residual can be as loud as the echo itself. So the residual's coupling is learnt anew, and
   * until then the gate assumes the echo as loud as the reference.
   */
  private void relearnAfterARestart(short[] played, int n) {
    boolean silent = true;
    for (int i = 0; i < n && silent; i++) {
      silent = played[i] == 0;
    }
    if (silent) {
      silentReferenceFrames++;
      return;
    }
    if (silentReferenceFrames >= RESTART_FRAMES) {
      alignedCoupling.reset();
      looseCoupling.reset();
    }
    silentReferenceFrames = 0;
  }

  private boolean isEcho(double excess, double loose, double aligned, double slack) {
    if (loose <= 0) {
      return false; // nothing played lately: nothing to mistake for the user
    }
    double expected;
    if (alignedDelayBlocks >= 0 && alignedCoupling.ready()) {
      expected = marginKnownDelay * alignedCoupling.gain() * aligned;
    } else if (looseCoupling.ready()) {
      expected = marginUnknownDelay * looseCoupling.gain() * loose;
    } else {
      expected = marginUnknownDelay * loose;
    }
    return excess <= slack * expected;
  }

  /** The reference energy the microphone may hear now at the known delay, allowing for jitter and a reverberant tail. */
  private double alignedReference(long from, long to, int delayBlocks) {
    long lag = (long) delayBlocks * SharedClockHistory.BLOCK;
    double most = 0;
    for (int j = -JITTER_BLOCKS; j <= JITTER_BLOCKS; j++) {
      long shift = Math.max(0, lag + (long) j * SharedClockHistory.BLOCK);
      most = Math.max(most, history.refEnergy(from - shift, to - shift));
    }
    double decay = 1;
    for (int k = 1; k <= TAIL_FRAMES; k++) {
      decay *= TAIL_DECAY;
      long shift = lag + (long) k * FRAME;
      most = Math.max(most, decay * history.refEnergy(from - shift, to - shift));
    }
    return most;
  }

  /** The loudest reference energy over every lag the delay search considers. */
  private double loudestReference(long from, long to) {
    double most = 0;
    for (int lag = 0; lag <= EchoDelayEstimator.MAX_LAG_BLOCKS; lag++) {
      long shift = (long) lag * SharedClockHistory.BLOCK;
      most = Math.max(most, history.refEnergy(from - shift, to - shift));
    }
    return most;
  }

  /** The room's noise level: follows quiet input fast and louder input slowly, frozen while the loudspeaker plays. */
  private double noiseFloor(double micEnergy, double loose) {
    double db = 10 * Math.log10(Math.max(1, micEnergy));
    if (Double.isNaN(floorDb)) {
      floorDb = db;
    } else if (db < floorDb) {
      floorDb += (db - floorDb) * 0.15;
    } else if (loose <= 0) {
      floorDb += (db - floorDb) * 0.004;
    }
    return Math.pow(10, floorDb / 10);
  }

  /** Whether an echo canceller runs ahead of the gate. */
  public boolean cancelling() {
    return canceller != null;
  }

  @Override
  public void close() {
    if (canceller != null) {
      canceller.close();
    }
  }

  /** The echo delay found, in milliseconds, or -1 while unknown. */
  public int delayMs() {
    return alignedDelayBlocks < 0 ? -1 : alignedDelayBlocks * SharedClockHistory.BLOCK / 16;
  }

  /** The learnt coupling from loudspeaker to microphone in dB, NaN before it is known. */
  public double couplingDb() {
    CouplingEstimate c = alignedDelayBlocks >= 0 && alignedCoupling.ready() ? alignedCoupling
        : looseCoupling.ready() ? looseCoupling : null;
    return c == null ? Double.NaN : 10 * Math.log10(Math.max(1e-12, c.gain()));
  }

  /** Microphone input turned down as echo so far, in milliseconds. */
  public long suppressedMs() {
    return suppressedSamples / 16;
  }

  /** Reference audio queued and not yet played, in milliseconds. */
  public long queuedReferenceMs() {
    return reference.queuedSamples() / 16;
  }
}
