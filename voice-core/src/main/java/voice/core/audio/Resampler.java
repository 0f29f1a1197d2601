package voice.core.audio;

import java.util.Arrays;

/**
 * Band-limited sample-rate conversion of mono 16-bit audio, usable on a stream: a windowed-sinc
 * low-pass (Kaiser window, about 80 dB stop band) evaluated at each output instant, with the
 * filter taps precomputed per phase when the rate ratio is a small fraction (44.1k to 16k is
 * 160/441). The cut-off sits at 45% of the lower rate and the stop band starts at its Nyquist
 * frequency, so nothing above 8 kHz folds back into 16 kHz output. The one resampler of the
 * project: capture, the WebSocket output and the echo path's playback reference all use it.
 */
public final class Resampler {
  /** The pipeline's rate (see {@link voice.core.message.AudioFrame}). */
  public static final int RATE_16K = voice.core.message.AudioFrame.SAMPLE_RATE;
  private static final double STOP_BAND_DB = 80;
  private static final int MAX_PHASE_TABLE = 8192;

  private final int up;
  private final int down;
  private final int half;
  private final double cutoff;
  private final double beta;
  private final float[][] phaseTable;
  private float[] buffer = new float[0];
  private long bufferStart;
  private int bufferLength;
  private long inputCount;
  private long outputCount;

  public Resampler(int inRate, int outRate) {
    if (inRate <= 0 || outRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive");
    }
    int g = gcd(inRate, outRate);
    up = outRate / g;
    down = inRate / g;
    int lower = Math.min(inRate, outRate);
    cutoff = 0.45 * lower / inRate; // cycles per input sample
    double transition = 2 * Math.PI * 0.10 * lower / inRate; // radians per input sample
    int taps = (int) Math.ceil((STOP_BAND_DB - 8) / (2.285 * transition));
    half = Math.max(2, (taps + 1) / 2);
    beta = 0.1102 * (STOP_BAND_DB - 8.7);
    phaseTable = up <= MAX_PHASE_TABLE && up != down ? buildTable() : null;
    bufferStart = -half; // the signal is zero before its first sample
    bufferLength = 0;
    append(new float[half], half);
    inputCount = 0;
  }

  /** Converts a whole mono signal from {@code inRate} to {@code outRate}. */
  public static short[] convert(short[] mono, int inRate, int outRate) {
    if (inRate == outRate) {
      return mono;
    }
    Resampler r = new Resampler(inRate, outRate);
    short[] head = r.process(mono, 0, mono.length);
    short[] tail = r.finish();
    short[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /** The average of the channels of each frame. */
  public static short[] downmix(short[] interleaved, int channels) {
    if (channels == 1) {
      return interleaved;
    }
    short[] mono = new short[interleaved.length / channels];
    for (int f = 0; f < mono.length; f++) {
      int sum = 0;
      for (int c = 0; c < channels; c++) {
        sum += interleaved[f * channels + c];
      }
      mono[f] = (short) Math.round((float) sum / channels);
    }
    return mono;
  }

  /** Feeds mono samples; returns the output samples that are now complete. */
  public short[] process(short[] mono, int off, int len) {
    if (up == down) {
      return Arrays.copyOfRange(mono, off, off + len); // nothing to convert, and no delay
    }
    float[] in = new float[len];
    for (int i = 0; i < len; i++) {
      in[i] = mono[off + i];
    }
    append(in, len);
    inputCount += len;
    return produce();
  }

  /** Ends the stream: returns the remaining output, as if silence followed the input. */
  public short[] finish() {
    if (up == down) {
      return new short[0];
    }
    long total = (inputCount * up + down - 1) / down;
    append(new float[half + 1], half + 1);
    short[] out = produce();
    int keep = (int) Math.max(0, Math.min(out.length, total - (outputCount - out.length)));
    return Arrays.copyOf(out, keep);
  }

  /** Computes every output whose filter window lies inside the buffered input. */
  private short[] produce() {
    long endOfBuffer = bufferStart + bufferLength;
    int n = 0;
    short[] out = new short[(int) ((long) bufferLength * up / down) + 2];
    while (n < out.length) {
      long position = outputCount * down;
      long base = position / up;
      if (base + half >= endOfBuffer) {
        break;
      }
      int phase = (int) (position % up);
      out[n++] = clamp(convolve(base, phase));
      outputCount++;
    }
    long keepFrom = outputCount * down / up - half + 1;
    discardBefore(keepFrom);
    return Arrays.copyOf(out, n);
  }

  private double convolve(long base, int phase) {
    int start = (int) (base - half + 1 - bufferStart);
    double sum = 0;
    if (up == down) {
      return buffer[start + half - 1];
    }
    float[] taps = phaseTable != null ? phaseTable[phase] : tapsFor(phase);
    for (int k = 0; k < taps.length; k++) {
      sum += buffer[start + k] * taps[k];
    }
    return sum;
  }

  private float[][] buildTable() {
    float[][] table = new float[up][];
    for (int p = 0; p < up; p++) {
      table[p] = tapsFor(p);
    }
    return table;
  }

  /** Taps for inputs base-half+1 .. base+half at fractional position phase/up after base. */
  private float[] tapsFor(int phase) {
    float[] taps = new float[2 * half];
    double frac = (double) phase / up;
    for (int k = 0; k < taps.length; k++) {
      int j = k - half + 1;
      taps[k] = (float) impulse(frac - j);
    }
    return taps;
  }

  private double impulse(double x) {
    double ratio = x / half;
    if (Math.abs(ratio) >= 1) {
      return 0;
    }
    double u = 2 * cutoff * x;
    double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    return 2 * cutoff * sinc * besselI0(beta * Math.sqrt(1 - ratio * ratio)) / besselI0(beta);
  }

  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; k < 50; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
      if (term < 1e-12 * sum) {
        break;
      }
    }
    return sum;
  }

  private void append(float[] samples, int len) {
    if (bufferLength + len > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, bufferLength + len));
    }
    System.arraycopy(samples, 0, buffer, bufferLength, len);
    bufferLength += len;
  }

  private void discardBefore(long absoluteIndex) {
    int drop = (int) Math.max(0, Math.min(bufferLength, absoluteIndex - bufferStart));
    if (drop > 0) {
      System.arraycopy(buffer, drop, buffer, 0, bufferLength - drop);
      bufferLength -= drop;
      bufferStart += drop;
    }
  }

  private static short clamp(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
