package voice.core.chunk;

import static voice.core.chunk.Punctuation.isCloser;
import static voice.core.chunk.Punctuation.isLineBreak;
import static voice.core.chunk.Punctuation.isOpener;
import static voice.core.chunk.Punctuation.isSpace;

import voice.core.chunk.Punctuation.Start;

/**
 * Decides whether terminal punctuation ends a sentence, looking only at text already seen: when
 * the answer depends on text not yet arrived it says so ({@link Decision#NEED_MORE}) rather than
 * guess, which is what makes streamed and whole-text chunking agree.
 */
final class BoundaryRules {
  enum Decision { BOUNDARY, NONE, NEED_MORE }

  private int end;

  /** After BOUNDARY: where the sentence ends. After NONE: where scanning resumes. */
  int end() {
    return end;
  }

  /**
   * @param i index of a terminal character in {@code t}
   * @param sentenceStart where the current sentence began
   * @param lineStart whether that sentence began a line (or an inline bullet item)
   * @param atEnd whether the stream has ended, so nothing more will arrive
   */
  Decision decide(CharSequence t, int i, int sentenceStart, boolean lineStart, boolean atEnd) {
    int len = t.length();
    int j = i;
    int dots = 0;
    boolean question = false;
    boolean ellipsis = false;
    boolean spaced = false;
    boolean cjk = false;
    while (j < len) {
      char c = t.charAt(j);
      if (c == '.') {
        dots++;
        j++;
      } else if (c == '?' || c == '!' || c == '\u203D') {
        question = true;
        j++;
      } else if (c == '\u2026') {
        ellipsis = true;
        j++;
      } else if (Punctuation.isCjkTerminal(c)) {
        cjk = true;
        j++;
      } else if (c == ' ' && t.charAt(j - 1) == '.' && (j + 1 >= len || t.charAt(j + 1) == '.')) {
        if (j + 1 >= len) { // ". ." may go on as a spaced ellipsis
          if (!atEnd) {
            return Decision.NEED_MORE;
          }
          break;
        }
        spaced = true;
        j++;
      } else {
        break;
      }
    }
    while (j < len && isCloser(t.charAt(j))) {
      j++;
    }
    end = j;
    if (j == len) {
      return atEnd ? Decision.BOUNDARY : Decision.NEED_MORE;
    }
    if (cjk) {
      return Decision.BOUNDARY;
    }
    if (!isSpace(t.charAt(j))) {
      return Decision.NONE; // 3.14, U.S, example.com, "?!x"
    }
    int k = j;
    while (k < len && (isSpace(t.charAt(k)) || isOpener(t.charAt(k)))) {
      if (isLineBreak(t.charAt(k))) {
        return Decision.NONE; // the line break itself ends the sentence
      }
      k++;
    }
    if (k == len) {
      return atEnd ? Decision.BOUNDARY : Decision.NEED_MORE;
    }
    Start next = Punctuation.classify(t.charAt(k));
    if (next == Start.LOWER) {
      return Decision.NONE; // "Yahoo! in", "etc. and", "\"Great.\" she said"
    }
    if (question) {
      return Decision.BOUNDARY;
    }
    if (ellipsis || dots > 1) {
      // ". . ." (three spaced dots) is an omission inside a sentence; "...." and ". . . ." end one.
      return spaced && dots == 3 ? Decision.NONE : Decision.BOUNDARY;
    }
    return singlePeriod(t, i, sentenceStart, lineStart, k, next, atEnd);
  }

  private Decision singlePeriod(
      CharSequence t, int i, int sentenceStart, boolean lineStart, int k, Start next, boolean atEnd) {
    int ts = i;
    while (ts > 0 && !isSpace(t.charAt(ts - 1))) {
      ts--;
    }
    while (ts < i && isOpener(t.charAt(ts))) {
      ts++;
    }
    String token = t.subSequence(ts, i).toString();
    if (token.isEmpty()) {
      return Decision.BOUNDARY;
    }
    if (lineStart && Abbreviations.isListMarker(token) && onlySpaceOrBullets(t, sentenceStart, ts)) {
      return Decision.NONE; // "1. First", "a. Apples", "IV. Results"
    }
    if (Abbreviations.isPrepositive(token)) {
      return Decision.NONE; // "Dr. Smith", "e.g. Python"
    }
    if (Abbreviations.isAmPm(token)) {
      // "at 5 p.m. Then we..." ends a sentence; "at 5 a.m. Mr. Smith..." does not.
      if (next != Start.UPPER) {
        return next == Start.DIGIT ? Decision.NONE : Decision.BOUNDARY;
      }
      String word = nextWord(t, k, atEnd);
      if (word == null) {
        return Decision.NEED_MORE;
      }
      return Abbreviations.isPrepositive(word) ? Decision.NONE : Decision.BOUNDARY;
    }
    if (Abbreviations.isDotted(token)) {
      // "the U.S. How about you?" ends a sentence; "the U.S. Government" does not.
      if (next != Start.UPPER) {
        return next == Start.DIGIT ? Decision.NONE : Decision.BOUNDARY;
      }
      String word = nextWord(t, k, atEnd);
      if (word == null) {
        return Decision.NEED_MORE;
      }
      return Abbreviations.isSentenceStarter(word) ? Decision.BOUNDARY : Decision.NONE;
    }
    if (token.length() == 1 && Character.isLetter(token.charAt(0))) {
      char letter = token.charAt(0);
      if (letter == 'I') { // "you and I. Did" ends; "Albert I. Jones" does not
        return previousWordCapitalized(t, ts) ? Decision.NONE : Decision.BOUNDARY;
      }
      if (Character.isUpperCase(letter)) {
        return Decision.NONE; // an initial: "J. R. R. Tolkien"
      }
      return next == Start.DIGIT ? Decision.NONE : Decision.BOUNDARY; // "p. 55"
    }
    if (next == Start.DIGIT && Abbreviations.isBeforeNumber(token)) {
      return Decision.NONE; // "No. 5", "Jan. 12"
    }
    return Decision.BOUNDARY;
  }

  /** The letters starting at {@code k}, or null when the word may still go on. */
  private static String nextWord(CharSequence t, int k, boolean atEnd) {
    int e = k;
    while (e < t.length() && Character.isLetter(t.charAt(e))) {
      e++;
    }
    if (e == t.length() && !atEnd) {
      return null;
    }
    return t.subSequence(k, e).toString();
  }

  private static boolean previousWordCapitalized(CharSequence t, int tokenStart) {
    int e = tokenStart;
    while (e > 0 && isSpace(t.charAt(e - 1)) && !isLineBreak(t.charAt(e - 1))) {
      e--;
    }
    int s = e;
    while (s > 0 && !isSpace(t.charAt(s - 1))) {
      s--;
    }
    return s < e && Character.isUpperCase(t.charAt(s));
  }

  private static boolean onlySpaceOrBullets(CharSequence t, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (!isSpace(c) && !Punctuation.isBullet(c)) {
        return false;
      }
    }
    return true;
  }
}
