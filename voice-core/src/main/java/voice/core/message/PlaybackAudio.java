package voice.core.message;

import io.vertx.core.buffer.Buffer;

/**
 * Audio the playback stage has just written to its device, for the echo path: {@code pcm}
 * (signed 16-bit little-endian mono at {@code sampleRate}) starts at {@code frame}, the device's
 * position in what it was written since it opened, and its first sample sounds at
 * {@code playsAtUs} (monotonic microseconds, {@link voice.core.event.MonotonicClock#micros()}).
 *
 * <p>While the device keeps playing, a piece's {@code playsAtUs} is exactly where the previous
 * one ends, so the reference never jumps; after the device ran dry it is estimated anew from the
 * device's position. An empty {@code pcm} marks a flush: nothing written before it sounds after
 * {@code playsAtUs}.
 */
public record PlaybackAudio(String turn, int sampleRate, long frame, long playsAtUs, Buffer pcm) {
  /** Whether this marks a flush rather than audio. */
  public boolean flush() {
    return pcm.length() == 0;
  }
}
