package voice.stt.echo;

/**
 * A 4th-order Butterworth low-pass at {@value #CUTOFF_HZ} Hz for 16 kHz audio (two biquads,
 * bilinear transform), stateful across frames. The echo gate judges energies below it: a voice
 * carries its energy there, and there the canceller's filter fits the room. Above it the echo is
 * mostly fricatives, seldom loud enough over the room's noise for speexdsp's filter to learn
 * them, so they leave the canceller almost whole while its residual-echo suppression, which
 * estimates the residual from the filter's own output, does not see them.
 *
 * <p>Written here: speexdsp exposes no filters, and two biquads are a dozen lines, where a JVM
 * DSP library would add a dependency larger than the echo package for one low-pass.
 */
final class VoiceBand {
  static final double CUTOFF_HZ = 3500;
  private static final double[] Q = {0.54119610, 1.3065630}; // the two sections of a 4th-order Butterworth

  private final double[][] coefficients = new double[2][];
  private final double[][] state = new double[2][2];

  VoiceBand() {
    double k = Math.tan(Math.PI * CUTOFF_HZ / 16_000);
    for (int s = 0; s < 2; s++) {
      double norm = 1 / (1 + k / Q[s] + k * k);
      double b0 = k * k * norm;
      coefficients[s] = new double[] {b0, 2 * b0, b0, 2 * (k * k - 1) * norm, (1 - k / Q[s] + k * k) * norm};
    }
  }

  /** Filters {@code in[0, n)} into {@code out[0, n)}. */
  void filter(short[] in, double[] out, int n) {
    for (int i = 0; i < n; i++) {
      double x = in[i];
      for (int s = 0; s < 2; s++) {
        double[] c = coefficients[s];
        double[] z = state[s];
        double y = c[0] * x + z[0];
        z[0] = c[1] * x - c[3] * y + z[1];
        z[1] = c[2] * x - c[4] * y;
        x = y;
      }
      out[i] = x;
    }
  }

  static double energy(double[] x, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += x[i] * x[i];
    }
    return sum / n;
  }
}
