package voice.core.chunk;

/** Character classes the boundary rules are written in. */
final class Punctuation {
  private Punctuation() {}

  /** What starts the word after a possible boundary. */
  enum Start { UPPER, LOWER, DIGIT, OTHER }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  /** A line break ends a sentence whatever comes before it. A CR is plain space (CRLF). */
  static boolean isLineBreak(char c) {
    return c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085';
  }

  /** Characters that may end a sentence. */
  static boolean isTerminal(char c) {
    return c == '.' || c == '?' || c == '!' || c == '\u2026' || c == '\u203D' || isCjkTerminal(c);
  }

  /** CJK full stops need no space after them. */
  static boolean isCjkTerminal(char c) {
    return c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
  }

  /** Closing marks that stay with the sentence they follow: {@code He said "Hi."}. */
  static boolean isCloser(char c) {
    return switch (c) {
      case '"', '\'', '\u201D', '\u2019', ')', ']', '}', '\u00BB', '\u203A', '*', '_', '`' -> true;
      default -> false;
    };
  }

  /** Opening marks to look past when judging the word after a boundary. */
  static boolean isOpener(char c) {
    return switch (c) {
      case '"', '\'', '\u201C', '\u2018', '(', '[', '{', '\u00AB', '\u2039', '\u00BF', '\u00A1', '*', '_', '`' ->
          true;
      default -> false;
    };
  }

  /** Inline bullets start a new item even without a line break. */
  static boolean isBullet(char c) {
    return c == '\u2022' || c == '\u25E6' || c == '\u25AA' || c == '\u2043';
  }

  /** Dashes that set off a parenthetical: "and -- surprise! -- it worked". */
  static boolean isDash(char c) {
    return c == '-' || c == '\u2013' || c == '\u2014';
  }

  static Start classify(char c) {
    if (Character.isLowerCase(c)) {
      return Start.LOWER;
    }
    if (Character.isDigit(c) || Character.getType(c) == Character.CURRENCY_SYMBOL) {
      return Start.DIGIT;
    }
    // Upper case, title case and caseless scripts all start sentences.
    return Character.isLetter(c) ? Start.UPPER : Start.OTHER;
  }
}
