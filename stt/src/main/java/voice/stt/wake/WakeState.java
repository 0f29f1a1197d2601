package voice.stt.wake;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Whether the device is being addressed: after the wake word (for {@link
 * WakeWordSettings#QUESTION_WAIT_MS}), while it answers, and for the follow-up window after an
 * answer. Written from the event loop (answers) and the decoding thread (detections), read on
 * the decoding thread.
 */
public final class WakeState {
  private final long followUpMs;
  private final LongSupplier clockMs;
  private long awakeUntilMs = Long.MIN_VALUE;
  private final Set<String> answering = new HashSet<>();

  /** @param clockMs a monotonic clock in milliseconds */
  public WakeState(long followUpMs, LongSupplier clockMs) {
    this.followUpMs = followUpMs;
    this.clockMs = clockMs;
  }

  /** The wake word was just heard. */
  public synchronized void wakeWordHeard() {
    awakeUntilMs = Math.max(awakeUntilMs, clockMs.getAsLong() + WakeWordSettings.QUESTION_WAIT_MS);
  }

  /** The answer of {@code turn} began (the model was asked). */
  public synchronized void answerStarted(String turn) {
    answering.add(turn);
  }

  /** The answer of {@code turn} ended (spoken, interrupted or failed): the follow-up window opens now. */
  public synchronized void answerEnded(String turn) {
    answering.remove(turn);
    awakeUntilMs = Math.max(awakeUntilMs, clockMs.getAsLong() + followUpMs);
  }

  /** Whether speech starting now is addressed to the device without a wake word. */
  public synchronized boolean awake() {
    return !answering.isEmpty() || clockMs.getAsLong() < awakeUntilMs;
  }
}
