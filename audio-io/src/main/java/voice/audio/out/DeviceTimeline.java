package voice.audio.out;

import voice.core.event.MonotonicClock;

/**
 * When each piece written to the sink sounds, for the echo canceller's reference. While the
 * device keeps playing, a piece sounds exactly where the previous one ends (counted in frames
 * from the last anchor, so the reference never slips a sample); when the device had run dry, or
 * the estimate from its position is more than 3 ms later or {@link #TOLERANCE_US} earlier than
 * that, the piece is anchored anew at the estimate: now, plus what the device still holds
 * before it. A sink that
 * does not play in real time is treated as a device that started playing at its first write.
 */
final class DeviceTimeline {
  static final long TOLERANCE_US = 30_000;
  private static final long MAX_READ_US = 300;
  private static final long GAP_US = 3_000;

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
   * The piece {@code [frame, frame + frames)} was just written to {@code sink}, which has been
   * written {@code writtenTotal} frames; {@code dryBefore} says the device had played everything
   * before it. Returns when the piece sounds.
   */
  long written(long frame, long frames, boolean dryBefore, AudioSink sink, long writtenTotal) {
    long expected = anchorUs < 0 || frame != endFrame ? -1 : usAt(frame);
    long estimate;
    if (!sink.realtime()) {
      long nowUs = MonotonicClock.micros();
      estimate = expected >= nowUs ? expected : nowUs;
    } else {
      // The device's position and the clock, read together: a thread preempted between the two
      // readings would misplace the piece by as long as it waited.
      long before;
      long played;
      long after;
      int tries = 0;
      do {
        before = MonotonicClock.micros();
        played = sink.playedFrames();
        after = MonotonicClock.micros();
      } while (after - before > MAX_READ_US && ++tries < 5);
      long pending = writtenTotal - played; // this piece included
      estimate = (before + after) / 2 + (pending - frames) * 1_000_000L / rate;
    }
    // Later than a follow-on by more than GAP_US: the device ran dry in between (perhaps just
    // after dryBefore was read) and restarted with this piece.
    boolean continues = expected >= 0 && !dryBefore && estimate <= expected + GAP_US
        && estimate >= expected - TOLERANCE_US;
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
