package voice.agent.bench.room;

import java.util.List;

/**
 * What the loudspeaker room measured for users at one level.
 *
 * @param userDb the user's speech against the echo at the microphone, in dB
 * @param answers answers played, each with the user speaking over it
 * @param falseBargeIns answers that interrupted themselves before the user spoke
 * @param detected answers the user interrupted
 * @param onsetToStopMs for each interruption, from the user's first word to the voice's stop
 * @param werOverAnswer word error rate of the user's words spoken over the answer
 * @param werInSilence word error rate of the same words spoken while nothing plays (NaN if none was)
 * @param cancelledDb how much the canceller took off the microphone while the loudspeaker played (NaN without one)
 * @param cancellerCoreShare the canceller's thread CPU time per second of audio
 */
public record RoomLevel(double userDb, int answers, int falseBargeIns, int detected, List<Long> onsetToStopMs,
    double werOverAnswer, double werInSilence, double cancelledDb, double cancellerCoreShare) {

  /** The share of answers the user interrupted. */
  public double detectedShare() {
    return answers == 0 ? 0 : detected / (double) answers;
  }

  /** Interruptions whose voice stopped within {@code ms} of the user's onset, as a share of the answers. */
  public double stoppedWithin(long ms) {
    return answers == 0 ? 0 : onsetToStopMs.stream().filter(t -> t <= ms).count() / (double) answers;
  }

  /** The median onset-to-stop time, -1 with none. */
  public long medianOnsetToStopMs() {
    List<Long> sorted = onsetToStopMs.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
  }
}
