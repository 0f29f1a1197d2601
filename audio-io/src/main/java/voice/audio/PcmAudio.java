package voice.audio;

import voice.core.audio.Resampler;

/**
 * Decoded PCM audio: signed 16-bit samples, interleaved when {@code channels > 1}. Whatever
 * the source's sample width, samples are scaled to the 16-bit range.
 */
public record PcmAudio(int sampleRate, int channels, short[] interleavedSamples) {
  /** Number of sample frames (one sample per channel). */
  public int frames() {
    return interleavedSamples.length / channels;
  }

  /** Down-mixed and converted to 16 kHz mono, the pipeline's format. */
  public short[] toMono16k() {
    return Resampler.convert(Resampler.downmix(interleavedSamples, channels), sampleRate, Resampler.RATE_16K);
  }

  /** Duration in milliseconds. */
  public long durationMs() {
    return frames() * 1000L / sampleRate;
  }
}
