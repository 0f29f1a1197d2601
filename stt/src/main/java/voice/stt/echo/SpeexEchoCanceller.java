package voice.stt.echo;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import voice.stt.SpeechEngineUnavailable;

/**
 * speexdsp's adaptive echo canceller (multi-delay block frequency-domain filter): subtracts the
 * loudspeaker's sound, as the room shaped it, from each microphone frame, given the reference
 * that the microphone hears in it. The filter spans {@link #TAIL_MS}: the {@link EchoGate} hands it
 * the reference delayed to a little before the echo delay it found, so the filter covers the
 * room's response (reflections, the microphone's filtering) and not the delay. A short filter
 * fits the room far better than one spanning the whole 400 ms the gate searches: speexdsp
 * spreads its adaptation over every block of the filter (7-10 dB more taken off below 3 kHz in
 * the loudspeaker room).
 *
 * <p>speexdsp's preprocessor (residual-echo suppression, which works only with its noise
 * suppressor) runs on a copy of each cancelled frame: {@link #cancel} returns that copy's energy
 * for the {@link EchoGate} to judge, while the recognizer hears the cancelled frame unchanged.
 *
 * <p>Not thread-safe; {@link #close()} frees the native state.
 */
public final class SpeexEchoCanceller implements AutoCloseable {
  static final int TAIL_MS = 128;
  public static final String INSTALL_HINT = SpeexDsp.INSTALL_HINT;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final SpeexDsp speex;
  private final int frameSize;
  private final short[] in;
  private final short[] out;
  private final int sampleRate;
  private Pointer state;
  private Pointer preprocess;
  private final short[] judged;
  private long cpuNanos;
  private long samples;

  private SpeexEchoCanceller(SpeexDsp speex, int frameSize, int sampleRate) {
    this.speex = speex;
    this.frameSize = frameSize;
    this.sampleRate = sampleRate;
    this.in = new short[frameSize];
    this.out = new short[frameSize];
    this.judged = new short[frameSize];
    this.state = speex.speex_echo_state_init(frameSize, sampleRate * TAIL_MS / 1000);
    speex.speex_echo_ctl(state, SpeexDsp.SPEEX_ECHO_SET_SAMPLING_RATE, new IntByReference(sampleRate));
    this.preprocess = speex.speex_preprocess_state_init(frameSize, sampleRate);
    set(SpeexDsp.SPEEX_PREPROCESS_SET_DENOISE, 1); // residual-echo suppression works only with it
    set(SpeexDsp.SPEEX_PREPROCESS_SET_AGC, 0);
    set(SpeexDsp.SPEEX_PREPROCESS_SET_VAD, 0);
    set(SpeexDsp.SPEEX_PREPROCESS_SET_DEREVERB, 0);
    speex.speex_preprocess_ctl(preprocess, SpeexDsp.SPEEX_PREPROCESS_SET_ECHO_STATE, state);
  }

  private void set(int request, int value) {
    speex.speex_preprocess_ctl(preprocess, request, new IntByReference(value).getPointer());
  }

  /** Whether speexdsp is installed. */
  public static boolean available() {
    return library() != null;
  }

  /**
   * A canceller for {@code frameSize}-sample frames at {@code sampleRate}, as {@code mode} asks:
   * null for {@link AecMode#OFF}, or for {@link AecMode#AUTO} without the library.
   *
   * @throws SpeechEngineUnavailable for {@link AecMode#SPEEX} without the library
   */
  public static SpeexEchoCanceller open(AecMode mode, int frameSize, int sampleRate) {
    if (mode == AecMode.OFF) {
      return null;
    }
    SpeexDsp speex = library();
    if (speex == null) {
      if (mode == AecMode.SPEEX) {
        throw new SpeechEngineUnavailable(INSTALL_HINT);
      }
      return null;
    }
    return new SpeexEchoCanceller(speex, frameSize, sampleRate);
  }

  private static SpeexDsp library() {
    return Library.INSTANCE;
  }

  /** Loaded once, on first use. */
  private static final class Library {
    static final SpeexDsp INSTANCE = SpeexDsp.loadOrNull();
  }

  public int frameSize() {
    return frameSize;
  }

  /**
   * Cancels the echo of {@code played} from {@code pcm[off, off + frameSize)}, in place, and
   * returns the mean square of that frame once speexdsp's preprocessor has also taken out the
   * residual echo the filter left (and noise): what to judge, not what to hear, as it would
   * change what the recognizer hears even while nothing plays.
   */
  public double cancel(short[] pcm, int off, short[] played) {
    long cpuBefore = THREADS.getCurrentThreadCpuTime();
    System.arraycopy(pcm, off, in, 0, frameSize);
    speex.speex_echo_cancellation(state, in, played, out);
    System.arraycopy(out, 0, pcm, off, frameSize);
    System.arraycopy(out, 0, judged, 0, frameSize);
    speex.speex_preprocess_run(preprocess, judged);
    cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
    samples += frameSize;
    double sum = 0;
    for (short s : judged) {
      sum += (double) s * s;
    }
    return sum / frameSize;
  }

  /** The last frame once the preprocessor has also taken out residual echo and noise (what {@link #cancel} measured); valid until the next call. */
  short[] judged() {
    return judged;
  }

  /** Forgets the room it has learnt: its reference now comes with another delay. */
  public void reset() {
    speex.speex_echo_state_reset(state);
  }

  /** Thread CPU time spent cancelling so far, per second of audio cancelled: the share of a core it takes. */
  public double coreShare() {
    return samples == 0 ? 0 : cpuNanos / 1e9 / (samples / (double) sampleRate);
  }

  @Override
  public void close() {
    if (state != null) {
      speex.speex_preprocess_state_destroy(preprocess);
      speex.speex_echo_state_destroy(state);
      preprocess = null;
      state = null;
    }
  }
}
