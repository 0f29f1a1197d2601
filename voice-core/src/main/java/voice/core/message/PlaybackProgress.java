package voice.core.message;

/**
 * What the sink has really played of a turn. Sent when a chunk's audio has been played out
 * ({@code chunkDone}) and when the turn's audio stopped ({@code stopped} non-null:
 * {@code done}, {@code bargein}, {@code cancelled} or {@code error}). {@code playedMs} counts the
 * turn's audio played so far.
 */
public record PlaybackProgress(String turn, int chunkIndex, long playedMs, boolean chunkDone, String stopped) {}
