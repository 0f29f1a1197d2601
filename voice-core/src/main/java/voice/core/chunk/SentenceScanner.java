package voice.core.chunk;

/**
 * Finds sentence ends in a growing text, each exactly once, as soon as the text seen proves them.
 * It resumes where it stopped, so a stream costs time linear in its length.
 */
final class SentenceScanner {
  /** Receives each sentence as the span {@code [start, end)} of the text, untrimmed. */
  interface Sink {
    /** @param lineEnd the sentence ended at a line break, bullet, list item or the end of the stream */
    void sentence(int start, int end, boolean lineEnd);
  }

  private final BoundaryRules rules = new BoundaryRules();
  private final Quotations quotes = new Quotations();
  private int pos;
  private int sentenceStart;
  /** The last inline list marker of the current sentence ("1)" in "1) eggs 2) milk"). */
  private InlineLists.Marker listMarker;

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
        quotes.reset();
        startSentence(pos + 1);
      } else if (Punctuation.isBullet(c) && (pos == 0 || Punctuation.isSpace(text.charAt(pos - 1)))) {
        sink.sentence(sentenceStart, pos, true);
        startSentence(pos);
        pos++;
      } else if (Punctuation.isTerminal(c)) {
        if (!terminal(text, atEnd, sink)) {
          return;
        }
      } else {
        if (pos == 0 || Punctuation.isSpace(text.charAt(pos - 1))) {
          InlineLists.Marker marker = InlineLists.at(text, pos, atEnd);
          if (marker == InlineLists.NEED_MORE) {
            return;
          }
          if (marker != null && marker.follows(listMarker)) {
            sink.sentence(sentenceStart, pos, true); // "1) eggs| 2) milk"
            startSentence(pos);
          }
          listMarker = marker != null ? marker : listMarker;
        }
        quotes.see(text, pos, pos + 1);
        pos++;
      }
    }
    if (atEnd) {
      sink.sentence(sentenceStart, len, true);
      quotes.reset();
      startSentence(len);
    }
  }

  /** Handles the terminal punctuation at {@code pos}; false when more text is needed. */
  private boolean terminal(CharSequence text, boolean atEnd, Sink sink) {
    BoundaryRules.Decision decision = rules.decide(text, pos, sentenceStart, atEnd);
    if (decision == BoundaryRules.Decision.NEED_MORE) {
      return false;
    }
    int end = Math.max(rules.end(), pos + 1);
    if (decision == BoundaryRules.Decision.BOUNDARY) {
      // A sentence end inside a quotation that closes soon is not one: "Go home. It is late."
      char open = Quotations.closingAfter(quotes.closing(), text, pos, end);
      if (open != 0) {
        Boolean closes = Quotations.closesSoon(text, end, open, atEnd);
        if (closes == null) {
          return false;
        }
        if (closes) {
          decision = BoundaryRules.Decision.NONE;
        }
      }
    }
    if (decision == BoundaryRules.Decision.NONE) {
      quotes.see(text, pos, end);
      pos = end;
    } else {
      sink.sentence(sentenceStart, rules.end(), false);
      quotes.reset();
      startSentence(rules.end());
    }
    return true;
  }

  private void startSentence(int at) {
    pos = at;
    sentenceStart = at;
    listMarker = null;
  }
}
