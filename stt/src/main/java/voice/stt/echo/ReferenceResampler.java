package voice.stt.echo;

import java.util.Arrays;

/**
 * Streaming conversion of the playback reference (any rate) to 16 kHz: a Hann-windowed sinc
 * low-pass evaluated at each output instant. Good enough for energy comparisons; stt does not
 * depend on audio-io, so it keeps its own small converter.
 */
final class ReferenceResampler {
  static final int RATE = 16_000;
  private static final int ZERO_CROSSINGS = 8;

  private final int inRate;
  private final double step; // input samples per output sample
  private final double cutoff; // cycles per input sample
  private final int half; // input samples either side of an output instant
  private float[] history = new float[0];
  private long historyStart; // input index of history[0]
  private long inputCount;
  private long outputCount;

  ReferenceResampler(int inRate) {
    if (inRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + inRate);
    }
    this.inRate = inRate;
    this.step = (double) inRate / RATE;
    this.cutoff = 0.45 * Math.min(1.0, 1.0 / step);
    this.half = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff));
  }

  int inRate() {
    return inRate;
  }

  /** Feeds input samples; returns the 16 kHz samples that are complete now. */
  short[] process(short[] in, int off, int len) {
    if (inRate == RATE) {
      return Arrays.copyOfRange(in, off, off + len);
    }
    int kept = history.length;
    history = Arrays.copyOf(history, kept + len);
    for (int i = 0; i < len; i++) {
      history[kept + i] = in[off + i];
    }
    inputCount += len;
    short[] out = new short[(int) (len / step) + 2];
    int n = 0;
    while (n < out.length) {
      double t = outputCount * step;
      long center = (long) Math.floor(t);
      if (center + half >= inputCount) {
        break;
      }
      out[n++] = clamp(convolve(t, center));
      outputCount++;
    }
    long keepFrom = Math.max(historyStart, (long) Math.floor(outputCount * step) - half);
    history = Arrays.copyOfRange(history, (int) (keepFrom - historyStart), history.length);
    historyStart = keepFrom;
    return Arrays.copyOf(out, n);
  }

  private double convolve(double t, long center) {
    double sum = 0;
    double gain = 2 * cutoff;
    for (long k = center - half + 1; k <= center + half; k++) {
      if (k < historyStart) {
        continue; // before the stream began: silence
      }
      double x = t - k;
      double w = 0.5 + 0.5 * Math.cos(Math.PI * x / (half + 1));
      double arg = 2 * Math.PI * cutoff * x;
      double sinc = Math.abs(arg) < 1e-9 ? 1 : Math.sin(arg) / arg;
      sum += history[(int) (k - historyStart)] * gain * sinc * w;
    }
    return sum;
  }

  private static short clamp(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
