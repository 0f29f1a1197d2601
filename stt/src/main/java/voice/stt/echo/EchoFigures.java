package voice.stt.echo;

/**
 * What the echo path did over a session, for benchmarks and logs.
 *
 * @param cancelledDb how much the canceller turned the microphone down while the loudspeaker played (NaN without one)
 * @param cancellerCoreShare thread CPU time of the canceller per second of audio (0 without one)
 * @param delayMs the echo delay the gate found, -1 if none
 * @param suppressedMs microphone input the gate turned down as echo
 */
public record EchoFigures(double cancelledDb, double cancellerCoreShare, int delayMs, long suppressedMs) {
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "canceller %.1f dB, %.2f %% of a core; echo delay %d ms; %d ms gated",
        cancelledDb, 100 * cancellerCoreShare, delayMs, suppressedMs);
  }
}
