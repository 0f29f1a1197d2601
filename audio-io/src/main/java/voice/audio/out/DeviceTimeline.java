package voice.audio.out;

import voice.core.event.MonotonicClock;

/**
 * When each piece written to the sink sounds, for the echo canceller's reference. While the
 * device keeps playing, a piece sounds exactly where the previous one ends (counted in frames
 * from the last anchor, so the reference never slips a sample); when the device had run dry, or
 * the estimate from its position strays more than {@link #TOLERANCE_US} from that, the piece is
 * anchored anew at the estimate: now, plus what the device still holds before it. A sink that
 * does not play in real time is treated as a device that started playing at its first write.
 */
final class DeviceTimeline {
  static final long TOLERANCE_US = 30_000;

  private int rate;
  private long anchorUs = -1;
  private long anchorFrame;
  private long endFrame;

  /** The device (re)opened: positions start again at 0. */
  void reopen(int sampleRate) {
    rate = sampleRate;
    anchorUs = -1;
    endFrame = 0;
  }

  /**
   * The piece {@code [frame, frame + frames)} was just written; {@code dryBefore} says the
   * device had played everything before it, {@code pending} how many frames it still holds
   * now (this piece included), -1 for a sink not in real time. Returns when the piece sounds.
   */
  long written(long frame, long frames, boolean dryBefore, long pending) {
    long nowUs = MonotonicClock.micros();
    long expected = anchorUs < 0 || frame != endFrame ? -1 : usAt(frame);
    long estimate;
    if (pending < 0) {
      estimate = expected >= nowUs ? expected : nowUs;
    } else {
      estimate = nowUs + (pending - frames) * 1_000_000L / rate;
    }
    boolean continues = expected >= 0 && !dryBefore && Math.abs(estimate - expected) <= TOLERANCE_US;
    if (!continues) {
      anchorUs = estimate;
      anchorFrame = frame;
    }
    endFrame = frame + frames;
    return usAt(frame);
  }

  /** Where the device is now, for a flush: the end of what it has played. */
  long flushedAt() {
    return MonotonicClock.micros();
  }

  private long usAt(long frame) {
    return anchorUs + (frame - anchorFrame) * 1_000_000L / rate;
  }
}
