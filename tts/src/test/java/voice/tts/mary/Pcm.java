package voice.tts.mary;

/** Test helpers for 16-bit little-endian PCM. */
final class Pcm {
  private Pcm() {}

  static double rms(byte[] pcm) {
    double sum = 0;
    int n = pcm.length / 2;
    for (int i = 0; i < n; i++) {
      short s = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
      sum += (double) s * s;
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }
}
