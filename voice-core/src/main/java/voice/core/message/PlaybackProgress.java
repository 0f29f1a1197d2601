package voice.core.message;

/**
 * What the sink has really played of a turn. Sent when a chunk's audio has been played out
 * ({@code chunkDone}) and when the turn's audio stopped ({@code stop} non-null). {@code playedMs}
 * counts the turn's audio played so far.
 */
public record PlaybackProgress(String turn, int chunkIndex, long playedMs, boolean chunkDone, Stop stop) {

  /**
   * Why and when a turn's audio stopped: {@code reason} is {@code done}, {@code bargein},
   * {@code cancelled} or {@code error}; {@code underruns} counts the times the sink ran dry;
   * {@code audioStarted} is false when nothing of the turn was ever played; {@code tMs} is
   * monotonic milliseconds.
   */
  public record Stop(String reason, int underruns, boolean audioStarted, long tMs) {}

  /** A chunk's audio has been played out. */
  public static PlaybackProgress chunkDone(String turn, int chunkIndex, long playedMs) {
    return new PlaybackProgress(turn, chunkIndex, playedMs, true, null);
  }

  /** The turn's audio stopped; the sink plays nothing more of it. */
  public static PlaybackProgress stopped(String turn, int chunkIndex, long playedMs, Stop stop) {
    return new PlaybackProgress(turn, chunkIndex, playedMs, false, stop);
  }

  /** The stop reason, or null while the turn still plays. */
  public String stopReason() {
    return stop == null ? null : stop.reason();
  }
}
