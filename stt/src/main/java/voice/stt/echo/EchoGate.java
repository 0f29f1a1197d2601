package voice.stt.echo;

import voice.core.audio.Pcm16;
import voice.core.message.PlaybackAudio;

/**
 * Keeps the assistant's own voice, heard back through the microphone, from counting as speech.
 *
 * <p>It is told what the playback stage wrote to its device and when it sounds
 * ({@link #devicePlays}), and when the microphone started ({@link #captureStartedAt}); a
 * playback that does not report its device is stood in for by the audio sent to it
 * ({@link #addReference}) and when a turn's audio stops ({@link #stopTurn}). {@link #process}
 * then plays that reference on the microphone's clock (see {@link DeviceReference}) and, for each
 * 20 ms of microphone input, predicts the echo energy from the reference: the delay is found by
 * envelope correlation ({@link EchoDelayEstimator}), the coupling gain from recent energy ratios
 * ({@link CouplingEstimate}). Input that the predicted echo explains is turned down to the
 * room's noise floor, so the voice detector never hears it; input clearly above the prediction
 * (a user talking over the assistant) passes unchanged. Until a delay is known the prediction
 * takes the loudest reference of the whole 0–400 ms range, a stricter bar; before any coupling
 * is learnt it assumes the echo as loud as the reference. With no reference in that range the
 * input passes untouched. A short-window search ({@link LocalLagTracker}) follows sudden delay
 * jumps, and the 20 ms after a frame judged echo is held to a 3 dB looser bar, so the bursts that
 * slip through where the prediction lags stay too short to be speech.
 *
 * <p>With a {@link SpeexEchoCanceller}, each whole frame first has the echo subtracted, the
 * reference held back to just before the echo delay found (so the canceller's short filter spans
 * the room, not the delay); the recognizer hears what is left, and the gate judges it once
 * speexdsp's residual-echo suppression has also run (on a copy), in the voice band
 * ({@link VoiceBand}: below 3.5 kHz, where the filter fits). The coupling and the delay are then
 * learnt on the microphone as captured (the room's), and the bar is that echo times what the
 * canceller has lately left (the median ratio), but never more than {@link #CANCELLED_MARGIN_DB}
 * under the echo. For the canceller's first 9 s of loudspeaker after it was aligned, on a frame
 * where it left more than the microphone heard (diverging), and for 300 ms after a piece of the
 * reference came too late to be placed (a hole where the loudspeaker played), the gate is as
 * strict as alone.
 *
 * <p>Not thread-safe: one thread (the recognizer's) calls everything in arrival order.
 */
public final class EchoGate implements AutoCloseable {
  private static final int FRAME = 320; // 20 ms decisions
  // Behind the warmed-up, aligned canceller and its residual-echo suppression, what is left of the
  // echo in the voice band is some 40 dB under it in most frames; the bar never assumes it more
  // than 15 dB under. The bursts that once reached 8 dB under (the old floor was -5) were
  // fricatives the filter had not learnt, holes in the reference and early trust.
  static final double CANCELLED_MARGIN_DB = -15;
  // A canceller that takes less than this off the echo (in the median of recent frames) is not
  // used: neither heard by the recognizer nor judged by the gate.
  static final double EFFECTIVE_DB = -6;
  private static final double EFFECTIVE = Math.pow(10, EFFECTIVE_DB / 10);
  private static final int LOOSE_LEARNING_DELAY = EchoDelayEstimator.MAX_LAG_BLOCKS * SharedClockHistory.BLOCK;
  private static final int DISTRUST_SAMPLES = 300 * 16; // after a hole in the reference: the filter's span and the room's tail
  static final double AUDIBLE_REF = 1e4; // mean square of a reference worth learning from
  private static final int DELAY_UPDATE_SAMPLES = 1600; // re-estimate every 100 ms
  private static final int HOLD_FRAMES = 1; // after an echo frame, the next 20 ms is held to a looser bar
  private static final int RESTART_FRAMES = 3; // 60 ms without reference: playback paused
  private static final double HOLD_SLACK = Math.pow(10, 3 / 10.0); // 3 dB: loose enough for onset leaks, not for a user

  private final AlignedCanceller canceller;
  private final double marginKnownDelay;
  private final double marginUnknownDelay;
  private final DeviceReference reference = new DeviceReference();
  private final SharedClockHistory history = new SharedClockHistory();
  private final EchoDelayEstimator delay = new EchoDelayEstimator();
  private final LocalLagTracker localLag = new LocalLagTracker();
  private final CouplingEstimate alignedCoupling = new CouplingEstimate();
  private final CouplingEstimate looseCoupling = new CouplingEstimate();
  private final CouplingEstimate residual = new CouplingEstimate();
  private int alignments;
  private long lostSamples;
  private long playingSince = -1; // when the loudspeaker began, after 400 ms without it
  private long distrustUntil;
  private final EchoTrace trace = EchoTrace.fromSystemProperty();
  private boolean trusted; // the canceller's output is what the gate judges, this frame
  private boolean deviceReports;
  private short[] played = new short[FRAME];
  private final NoiseFloor judgedFloor = new NoiseFloor();
  private final NoiseFloor heardFloor = new NoiseFloor();
  private final NoiseFloor rawFloor = new NoiseFloor();
  private short[] raw = new short[FRAME];
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
    this.canceller = canceller == null ? null : new AlignedCanceller(canceller);
    this.marginKnownDelay = Math.pow(10, marginKnownDelayDb / 10);
    this.marginUnknownDelay = Math.pow(10, marginUnknownDelayDb / 10);
  }

  /**
   * Audio of {@code turn} just sent to the loudspeaker, mono 16-bit at {@code sampleRate}, for a
   * playback that does not report what its device plays: it is taken to play after what was sent
   * before, or at once. Ignored once the device reports ({@link #devicePlays}).
   */
  public void addReference(String turn, int sampleRate, short[] pcm) {
    if (!deviceReports) {
      reference.append(turn, sampleRate, pcm);
    }
  }

  /** The turn's audio stopped; what of it was not yet played never will be (the device's flushes say it when it reports). */
  public void stopTurn(String turn) {
    if (!deviceReports) {
      reference.stop(turn);
    }
  }

  /** The microphone's first sample was captured at {@code tMs} (monotonic milliseconds): the clock the device's pieces are placed on. */
  public void captureStartedAt(long tMs) {
    reference.captureStartedAt(tMs * 1000);
  }

  /** What the playback stage wrote to its device, and when it sounds: from now on the reference. */
  public void devicePlays(PlaybackAudio piece) {
    if (!deviceReports) {
      // Until now the audio sent to playback stood in, played from when it was sent; the device
      // may have started it hundreds of milliseconds later. What was learnt against that guess
      // (an echo far quieter than the reference, where none had come yet) is forgotten.
      alignedCoupling.reset();
      looseCoupling.reset();
      residual.reset();
    }
    deviceReports = true;
    if (piece.flush()) {
      reference.cutAt(piece.playsAtUs());
    } else {
      reference.place(piece.turn(), piece.sampleRate(), piece.frame(), piece.playsAtUs(), Pcm16.samples(piece.pcm()));
    }
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
    return judge(pcm, off, n, played);
  }

  /** Gates one frame against {@code played}, what the loudspeaker sounded meanwhile (a replay of a trace gives it directly). */
  boolean judge(short[] pcm, int off, int n, short[] played) {
    if (raw.length < n) {
      raw = new short[n];
    }
    System.arraycopy(pcm, off, raw, 0, n);
    double judged;
    if (canceller != null) {
      canceller.played(played, n);
    }
    if (canceller != null && canceller.fits(n)) {
      if (!deviceReports) {
        relearnAfterARestart(played, n);
      }
      judged = canceller.cancel(pcm, off, raw, played, delaySamples());
      if (canceller.alignments() != alignments) {
        alignments = canceller.alignments();
        residual.reset();
      }
    } else {
      judged = energy(pcm, off, n);
    }
    double heard = energy(pcm, off, n);
    double rawEnergy = energy(raw, 0, n);
    // With a canceller, energies are judged in the voice band, where its filter fits the room.
    double rawBandEnergy = canceller == null ? rawEnergy : canceller.rawBandEnergy(raw, n);
    if (heard > rawEnergy || canceller != null && !cancellerEffective()) {
      // A filter that does not fit yet (or any more) can add sound where the room had none, and
      // one that takes no echo off (still learning, or no echo reaches this microphone: a remote
      // satellite's) only bends a user's words while they speak over the answer: the recognizer
      // then hears the microphone as captured.
      System.arraycopy(raw, 0, pcm, off, n);
      heard = rawEnergy;
    }
    // The delay is the room's: it is searched on the microphone as captured, not on what the canceller left.
    for (int i = 0; i < n; i++) {
      history.add(raw[i], played[i]);
    }
    double micEnergy = judged;
    long to = history.now();
    long from = to - n;
    sinceDelayUpdate += n;
    if (sinceDelayUpdate >= DELAY_UPDATE_SAMPLES) {
      sinceDelayUpdate = 0;
      alignedDelayBlocks = delay.update(history);
    }
    double loose = history.loudestReference(from, to);
    double aligned = alignedDelayBlocks < 0 ? 0 : history.alignedReference(from, to, alignedDelayBlocks);
    int recentLag = localLag.update(history, alignedDelayBlocks);
    if (recentLag >= 0) {
      aligned = Math.max(aligned, history.alignedReference(from, to, recentLag));
    }
    double noise = judgedFloor.update(micEnergy, loose > 0);
    double heardNoise = heardFloor.update(heard, loose > 0);
    // With a canceller, the coupling is the room's (learnt on the raw microphone), and what is left
    // must stay a fixed amount under that echo: the residual follows no ratio to the reference.
    double rawNoise = canceller == null ? noise : rawFloor.update(rawBandEnergy, loose > 0);
    double rawExcess = canceller == null ? Math.max(0, micEnergy - noise) : Math.max(0, rawBandEnergy - rawNoise);
    // Until the canceller is trusted (warmed up, not diverging on this frame), the gate judges the
    // microphone as captured, exactly as it would alone.
    double judgedExcess = Math.max(0, micEnergy - noise);
    if (reference.lostSamples() > lostSamples) {
      // A piece reached the gate after the microphone had passed its start: the reference had a
      // hole where the loudspeaker played, so the canceller left that echo whole (and its filter
      // learnt from it). Until that echo and its tail have passed, the raw microphone is judged,
      // as by the gate alone.
      lostSamples = reference.lostSamples();
      distrustUntil = to + Math.max(0, delaySamples()) + DISTRUST_SAMPLES;
    }
    boolean reliable = to >= distrustUntil;
    trusted = canceller != null && reliable && cancellerEffective() && judgedExcess <= rawExcess;
    double excess = canceller == null || trusted ? judgedExcess : rawExcess;
    double bar = bar(loose, aligned);
    boolean echo = loose > 0 && excess <= bar;
    // Leaks come as short bursts where the prediction lags the room: right after an echo frame
    // the bar is a little higher, so such a burst loses its first frame and stays too short for
    // speech, while a user (well above the echo) still passes.
    if (echo) {
      holdFrames = HOLD_FRAMES;
    } else if (holdFrames > 0 && loose > 0 && excess <= HOLD_SLACK * bar) {
      holdFrames--;
      echo = true;
    } else {
      holdFrames = 0;
    }
    if (aligned > AUDIBLE_REF) {
      alignedCoupling.add(rawExcess / aligned);
      if (canceller != null && rawExcess > 0) {
        residual.add(judgedExcess / rawExcess);
      }
    }
    if (loose <= 0) {
      playingSince = -1;
    } else if (playingSince < 0) {
      playingSince = to;
    }
    // The echo of a playback that just began may not have reached the microphone yet (a room of
    // 200 ms): learnt then, the coupling would be far too low, and the bar with it.
    if (loose > AUDIBLE_REF && to - playingSince >= LOOSE_LEARNING_DELAY) {
      looseCoupling.add(rawExcess / loose);
    }
    if (trace != null) {
      trace.frame(raw, played, n, heard, micEnergy, excess, aligned, loose, bar, delayMs(), trusted, echo,
          reference.lostSamples() / 16);
    }
    if (echo) {
      suppressedSamples += n;
      double scale = heard <= heardNoise ? 1 : Math.sqrt(heardNoise / heard);
      for (int i = off; i < off + n; i++) {
        pcm[i] = (short) Math.round(pcm[i] * scale);
      }
    }
    return echo;
  }

  /** Whether the canceller has warmed up and lately takes at least {@link #EFFECTIVE_DB} off the echo. */
  private boolean cancellerEffective() {
    return canceller.warmedUp() && residual.ready() && residual.gain() <= EFFECTIVE;
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

  /**
   * How much of the echo the canceller leaves, as the gate must assume it: what it left lately
   * (the median ratio, so while the filter converges the gate is as strict as alone), but never
   * less than {@link #CANCELLED_MARGIN_DB} under the margin, so a burst where the filter slips
   * stays under the bar.
   */
  private double residualFactor() {
    // Not yet converged, or diverging on this frame (it left more than the microphone heard,
    // which a user talking never causes): the gate alone's bar.
    if (!trusted) {
      return 1;
    }
    double left = residual.ready() ? residual.gain() : 1;
    return Math.max(left, Math.pow(10, (CANCELLED_MARGIN_DB - 8) / 10));
  }

  /** The most the echo can leave above the noise now; input over it is the user (with nothing played lately, anything is). */
  private double bar(double loose, double aligned) {
    double expected;
    if (alignedDelayBlocks >= 0 && alignedCoupling.ready()) {
      expected = marginKnownDelay * alignedCoupling.gain() * aligned;
    } else if (looseCoupling.ready()) {
      expected = marginUnknownDelay * looseCoupling.gain() * loose;
    } else {
      expected = marginUnknownDelay * loose;
    }
    return expected * residualFactor();
  }

  static double energy(short[] pcm, int off, int n) {
    double sum = 0;
    for (int i = off; i < off + n; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return sum / n;
  }

  /** How much the canceller turned the microphone down while the loudspeaker played, in dB; NaN without one. */
  public double cancelledDb() {
    return canceller == null ? Double.NaN : canceller.cancelledDb();
  }

  /** The share of a core the canceller took per second of audio; 0 without one. */
  public double cancellerCoreShare() {
    return canceller == null ? 0 : canceller.coreShare();
  }

  /** The session's figures so far. */
  public EchoFigures figures() {
    return new EchoFigures(cancelledDb(), cancellerCoreShare(), delayMs(), suppressedMs());
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
    if (trace != null) {
      trace.close();
    }
  }

  private int delaySamples() {
    return alignedDelayBlocks < 0 ? -1 : alignedDelayBlocks * SharedClockHistory.BLOCK;
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
