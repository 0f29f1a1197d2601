package voice.audio;

/** Test signals and their measurement. */
public final class Signals {
  private Signals() {}

  /** A sine of {@code amplitude} (in 16-bit units), {@code channels} identical channels. */
  public static PcmAudio sine(int rate, int channels, double hz, double amplitude, double seconds) {
    int frames = (int) Math.round(rate * seconds);
    short[] samples = new short[frames * channels];
    for (int f = 0; f < frames; f++) {
      short s = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * f / rate));
      for (int c = 0; c < channels; c++) {
        samples[f * channels + c] = s;
      }
    }
    return new PcmAudio(rate, channels, samples);
  }

  /** Amplitude of the {@code hz} component of {@code samples[from..to)} (Goertzel). */
  public static double amplitudeAt(short[] samples, int from, int to, int rate, double hz) {
    int n = to - from;
    double w = 2 * Math.PI * hz / rate;
    double coeff = 2 * Math.cos(w);
    double s1 = 0;
    double s2 = 0;
    for (int i = from; i < to; i++) {
      double s0 = samples[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return 2 * Math.sqrt(Math.max(0, power)) / n;
  }

  public static double rms(short[] samples, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) samples[i] * samples[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** Little-endian bytes of 16-bit samples. */
  public static byte[] bytes(short[] samples) {
    byte[] out = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      out[2 * i] = (byte) samples[i];
      out[2 * i + 1] = (byte) (samples[i] >> 8);
    }
    return out;
  }
}
