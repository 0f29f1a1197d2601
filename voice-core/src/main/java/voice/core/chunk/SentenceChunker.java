package voice.core.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns streamed text (LLM deltas) into speakable chunks as soon as each is certain.
 *
 * <p>A chunk is emitted once the text after it proves its end (". " and a capital, a line break,
 * the end of the stream); only what is still ambiguous is held back. Streaming the text in any
 * pieces gives the same chunks as feeding it whole. Not thread-safe: one chunker per answer, fed
 * from one thread (an event loop: it never blocks). After {@link #flush()} it starts afresh.
 */
public final class SentenceChunker {
  /** The early first clause must be at least this long, so "Yes," alone is not a chunk. */
  static final int EARLY_CLAUSE_MIN_CHARS = 12;

  private final ChunkerOptions options;
  private StringBuilder text = new StringBuilder();
  private SentenceScanner scanner = new SentenceScanner();
  private List<String> out;
  private int chunkStart;
  private boolean firstEmitted;
  private int earlyScan;

  public SentenceChunker(ChunkerOptions options) {
    this.options = options;
  }

  public SentenceChunker() {
    this(ChunkerOptions.defaults());
  }

  /** Adds a piece of the stream; returns the chunks it completed, in order (often none). */
  public List<String> feed(String delta) {
    if (delta == null || delta.isEmpty()) {
      return List.of();
    }
    text.append(delta);
    out = new ArrayList<>(2);
    scanner.scan(text, false, this::sentenceEnded);
    if (!options.sentencesOnly()) {
      openSentence(scanner.settled());
    }
    return out;
  }

  /** Ends the stream: returns the remaining chunks and makes the chunker ready for a new one. */
  public List<String> flush() {
    out = new ArrayList<>(2);
    scanner.scan(text, true, this::sentenceEnded);
    List<String> rest = out;
    text = new StringBuilder();
    scanner = new SentenceScanner();
    chunkStart = 0;
    firstEmitted = false;
    earlyScan = 0;
    out = null;
    return rest;
  }

  private void sentenceEnded(int start, int end, boolean lineEnd) {
    if (options.sentencesOnly()) {
      emit(end);
      return;
    }
    int contentEnd = trimEnd(end);
    if (options.earlyFirstClause() && !firstEmitted) {
      earlyClause(contentEnd);
    }
    splitLong(contentEnd, true);
    // The first sentence goes out at once, unless an early clause or a cut already went.
    boolean first = options.earlyFirstClause() && !firstEmitted;
    if (lineEnd || first || contentEnd - contentStart() >= options.minChars()) {
      emit(end);
    }
  }

  /** The sentence still being written: its early clause, or a cut if it is already too long. */
  private void openSentence(int settled) {
    if (options.earlyFirstClause() && !firstEmitted) {
      earlyClause(settled);
    }
    splitLong(trimEnd(settled), false);
  }

  private void earlyClause(int limit) {
    int start = contentStart();
    int last = (int) Math.min(limit, (long) start + options.maxChars());
    for (int i = Math.max(earlyScan, start); i < last; i++) {
      int cut = ClauseSplits.afterPunctuation(text, i, limit);
      if (cut >= 0 && cut - start >= EARLY_CLAUSE_MIN_CHARS && cut - start <= options.maxChars()) {
        emit(cut);
        return;
      }
    }
    earlyScan = Math.max(start, last - 1);
  }

  /**
   * Cuts the pending text at most maxChars in while the rest would still be at least minChars
   * long. In a sentence still being written it cuts only once enough has arrived that the cut
   * cannot move, so a streamed sentence is cut where the whole one would be.
   */
  private void splitLong(int contentEnd, boolean complete) {
    int tolerance = options.minChars();
    int settledTolerance = Math.max(tolerance, ClauseSplits.LOOKAHEAD);
    while (true) {
      int start = contentStart();
      long over = (long) contentEnd - start - options.maxChars();
      if (over <= (complete ? tolerance : settledTolerance)) {
        return;
      }
      int cut = ClauseSplits.find(text, start, contentEnd, options.minChars(), options.maxChars());
      if (cut <= start) {
        return;
      }
      emit(cut);
    }
  }

  private void emit(int end) {
    String chunk = text.substring(chunkStart, end).strip();
    chunkStart = end;
    if (!chunk.isEmpty()) {
      out.add(chunk);
      firstEmitted = true;
    }
  }

  /** First character of the pending text that is not a space (or the end of the text). */
  private int contentStart() {
    int i = chunkStart;
    while (i < text.length() && Punctuation.isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int trimEnd(int end) {
    int e = end;
    while (e > chunkStart && Punctuation.isSpace(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }
}
