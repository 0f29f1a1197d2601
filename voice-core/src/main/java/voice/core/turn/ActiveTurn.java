package voice.core.turn;

import java.util.ArrayList;
import java.util.List;
import voice.core.chunk.SentenceChunker;
import voice.core.metrics.TurnMetrics;

/** State of the turn being answered: its chunks, what of them was played, and its timing. */
final class ActiveTurn {
  final String id;
  final SentenceChunker chunker;
  final TurnMetrics metrics = new TurnMetrics();
  /** The chunks' text, kept for the history; a said text keeps none (it may be a whole book). */
  final List<String> chunks = new ArrayList<>();
  /** A model's answer; false for a text said without a model ({@code say}), which is neither kept nor measured. */
  final boolean answer;
  int chunkCount;
  int playedChunks;
  boolean textEnded;
  boolean audioStarted;
  String cancelReason;
  String error;
  long bargeInTimer = -1;

  ActiveTurn(String id, SentenceChunker chunker, boolean answer) {
    this.id = id;
    this.chunker = chunker;
    this.answer = answer;
  }

  /** Counts a chunk sent to synthesis; returns its index. */
  int addChunk(String text) {
    if (answer) {
      chunks.add(text);
    }
    return chunkCount++;
  }

  /** The text the user has heard: every chunk whose audio was played out. */
  String heardText() {
    return String.join(" ", chunks.subList(0, Math.min(playedChunks, chunks.size())));
  }

  String fullText() {
    return String.join(" ", chunks);
  }

  boolean cancelled() {
    return cancelReason != null;
  }
}
