package voice.core.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import voice.core.chunk.SentenceChunker;
import voice.core.llm.LlmEvent;
import voice.core.message.TextChunk;
import voice.core.metrics.TurnMetrics;

/**
 * State of the turn being answered: its chunks, what of them was played, and its timing. It cuts
 * the model's text into chunks itself and hands them to {@code out} (synthesis).
 */
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
  /** Asked for at a pause, not yet committed: its audio is held, and it is not in the history. */
  boolean speculative;
  /** The utterance and words it answers (speech only). */
  String utterance;
  String userText;
  /** Speaks the rest of an answer stopped for no request: it continues that answer in the history. */
  boolean resumption;
  /** The utterance that barged in, while it is not yet known whether it asked for anything. */
  String bargedInBy;
  long stoppedAtMs;

  private final Consumer<TextChunk> out;

  ActiveTurn(String id, SentenceChunker chunker, boolean answer, Consumer<TextChunk> out) {
    this.id = id;
    this.chunker = chunker;
    this.answer = answer;
    this.out = out;
  }

  /** The model's news for this turn, at monotonic {@code now}. */
  void onLlmEvent(LlmEvent event, double now) {
    if (event instanceof LlmEvent.RequestSent) {
      metrics.requestSent(now);
    } else if (event instanceof LlmEvent.BlockDelta delta && delta.type() == LlmEvent.BlockType.text) {
      metrics.token(now);
      chunker.feed(delta.text()).forEach(this::send);
    } else if (event instanceof LlmEvent.MessageDelta delta && delta.usage() != null && delta.usage().outputTokens() > 0) {
      metrics.outputTokens(delta.usage().outputTokens());
    } else if (event instanceof LlmEvent.MessageStop stop && stop.endOfTurn()) {
      endText(now);
    } else if (event instanceof LlmEvent.LlmError failure) {
      error = failure.message();
      endText(now);
    }
  }

  /** Sends a chunk of text to synthesis. */
  void send(String chunk) {
    int index = addChunk(chunk);
    out.accept(new TextChunk(id, index, chunk, false));
  }

  /** The turn's text is complete: what the chunker still holds goes out, then the last (empty) chunk. */
  void endText(double now) {
    metrics.generationEnded(now);
    chunker.flush().forEach(this::send);
    textEnded = true;
    out.accept(new TextChunk(id, chunkCount, "", true));
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

  /** Every chunk from the one being heard when the voice stopped, and the text not yet cut into chunks. */
  List<String> unheardChunks() {
    List<String> rest = new ArrayList<>(chunks.subList(Math.min(playedChunks, chunks.size()), chunks.size()));
    rest.addAll(chunker.flush());
    return rest;
  }

  String fullText() {
    return String.join(" ", chunks);
  }

  boolean cancelled() {
    return cancelReason != null;
  }
}
