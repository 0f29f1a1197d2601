package voice.audio.out;

import java.util.ArrayList;
import java.util.List;

/** What the playback writer knows of one turn, in sink frames since the sink was opened. */
final class TurnPlayback {
  final String turn;
  final int sampleRate;
  boolean started;
  boolean lastWritten;
  boolean stopped;
  boolean dry;
  int underruns;
  long startFrame;
  long endFrame;
  /** When the device should have played the whole turn; past it, drain instead of waiting. */
  long doneDeadlineNanos;
  private final List<long[]> chunkStarts = new ArrayList<>();

  TurnPlayback(String turn, int sampleRate) {
    this.turn = turn;
    this.sampleRate = sampleRate;
  }

  void chunkStartsAt(int index, long frame) {
    if (chunkStarts.isEmpty() || chunkStarts.get(chunkStarts.size() - 1)[0] != index) {
      chunkStarts.add(new long[] {index, frame});
    }
  }

  /** The chunk being heard at {@code frame}. */
  int chunkAt(long frame) {
    int index = chunkStarts.isEmpty() ? 0 : (int) chunkStarts.get(0)[0];
    for (long[] start : chunkStarts) {
      if (start[1] <= frame) {
        index = (int) start[0];
      }
    }
    return index;
  }

  /** Milliseconds of this turn's audio heard once the device reaches {@code frame}. */
  long playedMs(long frame) {
    if (!started) {
      return 0;
    }
    long frames = Math.max(0, Math.min(frame, endFrame) - startFrame);
    return frames * 1000 / sampleRate;
  }
}
