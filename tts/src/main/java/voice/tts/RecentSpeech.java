package voice.tts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audio of the chunks spoken last, by their spoken text, up to {@link #MAX_BYTES}. An
 * answer resumed after a backchannel says again the chunk that was being heard when it was
 * cancelled: that audio is here at once instead of after a synthesis. Only audio of cancelled
 * turns is given back, so an answer that merely repeats an earlier one (a benchmark's scripted
 * model) is still synthesized and measured as such. Used on one event loop only.
 */
final class RecentSpeech {
  static final long MAX_BYTES = 4L << 20;

  private static final class Entry {
    final String turn;
    final List<byte[]> pieces;
    final long bytes;
    boolean resumable;

    Entry(String turn, List<byte[]> pieces) {
      this.turn = turn;
      this.pieces = List.copyOf(pieces);
      this.bytes = pieces.stream().mapToLong(p -> p.length).sum();
    }
  }

  private final Map<String, Entry> audio = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /** The audio of {@code spoken} from a cancelled turn, or null. */
  List<byte[]> get(String spoken) {
    Entry entry = audio.get(spoken);
    return entry != null && entry.resumable ? entry.pieces : null;
  }

  void put(String turn, String spoken, List<byte[]> pieces) {
    if (spoken.isEmpty() || pieces.isEmpty()) {
      return;
    }
    Entry entry = new Entry(turn, pieces);
    if (entry.bytes > MAX_BYTES / 4) {
      return;
    }
    Entry previous = audio.put(spoken, entry);
    bytes += entry.bytes - (previous == null ? 0 : previous.bytes);
    var oldest = audio.values().iterator();
    while (bytes > MAX_BYTES && oldest.hasNext()) {
      bytes -= oldest.next().bytes;
      oldest.remove();
    }
  }

  /** {@code turn} was cancelled: its chunks may be said again by a resumed answer. */
  void cancelled(String turn) {
    audio.values().forEach(entry -> entry.resumable |= entry.turn.equals(turn));
  }
}
