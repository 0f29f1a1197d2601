package voice.core.chunk;

import static voice.core.chunk.Punctuation.isLineBreak;
import static voice.core.chunk.Punctuation.isSpace;

/**
 * Follows double quotation marks so that a quotation holding several sentences
 * ({@code She said, "Go home. It is late."}) stays one sentence. A sentence end inside a
 * quotation is kept only when the quotation closes within {@link #WINDOW} characters on the same
 * line: an unclosed quotation holds the text back no further than that.
 */
final class Quotations {
  static final int WINDOW = 160;

  /** The mark that closes the open quotation, or 0 when none is open. */
  private char closing;

  char closing() {
    return closing;
  }

  /** Takes the characters {@code [from, to)} into account. */
  void see(CharSequence t, int from, int to) {
    closing = closingAfter(closing, t, from, to);
  }

  void reset() {
    closing = 0;
  }

  /** The closing mark after the characters {@code [from, to)}, starting from {@code closing}. */
  static char closingAfter(char closing, CharSequence t, int from, int to) {
    char open = closing;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (isLineBreak(c)) {
        open = 0;
      } else if (open != 0) {
        open = c == open ? 0 : open;
      } else if (c == '\u201C') {
        open = '\u201D';
      } else if (c == '\u00AB') {
        open = '\u00BB';
      } else if (c == '"' && (i == 0 || isSpace(t.charAt(i - 1)) || "([{".indexOf(t.charAt(i - 1)) >= 0)) {
        open = '"'; // after a word, as in 15", it is not an opening mark
      }
    }
    return open;
  }

  /**
   * Whether {@code closing} appears within {@link #WINDOW} characters from {@code from} on the same
   * line; null when the text ends before that is known.
   */
  static Boolean closesSoon(CharSequence t, int from, char closing, boolean atEnd) {
    int len = t.length();
    for (int e = from; e - from < WINDOW; e++) {
      if (e == len) {
        return atEnd ? Boolean.FALSE : null;
      }
      char c = t.charAt(e);
      if (c == closing) {
        return Boolean.TRUE;
      }
      if (isLineBreak(c)) {
        return Boolean.FALSE;
      }
    }
    return Boolean.FALSE;
  }
}
