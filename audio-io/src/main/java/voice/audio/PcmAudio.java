package voice.audio;

/**
 * Decoded PCM audio: signed 16-bit samples, interleaved when {@code channels > 1}. Whatever
 * the source's sample width, samples are scaled to the 16-bit range.
 */
public record PcmAudio(int sampleRate, int channels, short[] interleavedSamples) {
  /** Number of sample frames (one sample per channel). */
  public int frames() {
    return interleavedSamples.length / channels;
  }

  /** Duration in milliseconds. */
  public long durationMs() {
    return frames() * 1000L / sampleRate;
  }
}
