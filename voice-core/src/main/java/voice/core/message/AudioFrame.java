package voice.core.message;

import io.vertx.core.buffer.Buffer;

/**
 * Captured audio entering the pipeline: 16 kHz mono signed 16-bit little-endian PCM.
 * {@code offsetMs} is the position of the first sample in the input stream; {@code last} marks
 * the end of the input (end of file, closed socket).
 */
public record AudioFrame(long offsetMs, Buffer pcm, boolean last) {
  public static final int SAMPLE_RATE = 16_000;

  /** Duration of {@code pcm} in milliseconds. */
  public long durationMs() {
    return pcm.length() / 2 * 1000L / SAMPLE_RATE;
  }
}
