package voice.core.chunk;

/**
 * Finds sentence ends in a growing text, each exactly once, as soon as the text seen proves them.
 * It resumes where it stopped, so a stream costs time linear in its length.
 */
final class SentenceScanner {
  /** Receives each sentence as the span {@code [start, end)} of the text, untrimmed. */
  interface Sink {
    /** @param lineEnd the sentence ended at a line break, bullet or the end of the stream */
    void sentence(int start, int end, boolean lineEnd);
  }

  private final BoundaryRules rules = new BoundaryRules();
  private int pos;
  private int sentenceStart;
  private boolean lineStart = true;

  /** Text before this index holds no undiscovered sentence end. */
  int settled() {
    return pos;
  }

  /**
   * Reports every sentence end decidable in {@code text}; with {@code atEnd} the stream is over
   * and the rest of the text is reported as a last sentence.
   */
  void scan(CharSequence text, boolean atEnd, Sink sink) {
    int len = text.length();
    while (pos < len) {
      char c = text.charAt(pos);
      if (Punctuation.isLineBreak(c)) {
        sink.sentence(sentenceStart, pos, true);
        startSentence(pos + 1, true);
      } else if (Punctuation.isBullet(c) && (pos == 0 || Punctuation.isSpace(text.charAt(pos - 1)))) {
        sink.sentence(sentenceStart, pos, true);
        startSentence(pos, true);
        pos++;
      } else if (Punctuation.isTerminal(c)) {
        switch (rules.decide(text, pos, sentenceStart, lineStart, atEnd)) {
          case NEED_MORE -> {
            return;
          }
          case NONE -> pos = Math.max(rules.end(), pos + 1);
          case BOUNDARY -> {
            sink.sentence(sentenceStart, rules.end(), false);
            startSentence(rules.end(), false);
          }
        }
      } else {
        pos++;
      }
    }
    if (atEnd) {
      sink.sentence(sentenceStart, len, true);
      startSentence(len, true);
    }
  }

  private void startSentence(int at, boolean afterLine) {
    pos = at;
    sentenceStart = at;
    lineStart = afterLine;
  }
}
