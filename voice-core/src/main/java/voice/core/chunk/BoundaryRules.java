package voice.core.chunk;

import static voice.core.chunk.Punctuation.isCloser;
import static voice.core.chunk.Punctuation.isLineBreak;
import static voice.core.chunk.Punctuation.isOpener;
import static voice.core.chunk.Punctuation.isSpace;

import voice.core.chunk.Punctuation.Start;

/**
 * Decides whether terminal punctuation ends a sentence, looking only at text already seen: when
 * the answer depends on text not yet arrived it says so ({@link Decision#NEED_MORE}) rather than
 * guess, which is what makes streamed and whole-text chunking agree. Each rule looks ahead only
 * as far as it must (the next character, or the next word).
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
   * @param atEnd whether the stream has ended, so nothing more will arrive
   */
  Decision decide(CharSequence t, int i, int sentenceStart, boolean atEnd) {
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
    boolean single = j == i + 1;
    while (j < len && isCloser(t.charAt(j))) {
      j++;
    }
    j = SentenceTail.afterCitations(t, j, atEnd);
    if (j == SentenceTail.NEED_MORE) {
      return Decision.NEED_MORE;
    }
    end = j;
    if (j == len) {
      return atEnd ? Decision.BOUNDARY : Decision.NEED_MORE;
    }
    if (cjk) {
      return Decision.BOUNDARY;
    }
    j = SentenceTail.afterEmoji(t, j, atEnd);
    if (j == SentenceTail.NEED_MORE) {
      return Decision.NEED_MORE;
    }
    end = j;
    if (j == len) {
      return Decision.BOUNDARY; // afterEmoji asks for more unless the stream has ended
    }
    if (!isSpace(t.charAt(j))) {
      // 3.14, U.S, example.com, "?!x"; but "done.Next" ends a sentence
      return single && j == i + 1 ? PeriodRules.glued(t, i, atEnd) : Decision.NONE;
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
    if (Punctuation.isDash(t.charAt(k)) && dashOpened(t, sentenceStart, i)) {
      return Decision.NONE; // "and -- surprise! -- it worked"
    }
    Start next = Punctuation.classify(t.charAt(k));
    if (next == Start.LOWER) {
      return Decision.NONE; // "Yahoo! in", "etc. and", "\"Great.\" she said"
    }
    if (question) {
      return single && next == Start.UPPER ? PeriodRules.name(t, i, k, atEnd) : Decision.BOUNDARY;
    }
    if (ellipsis || dots > 1) {
      // ". . ." (three spaced dots) is an omission inside a sentence; "...." and ". . . ." end one.
      return spaced && dots == 3 ? Decision.NONE : Decision.BOUNDARY;
    }
    return PeriodRules.singlePeriod(t, i, sentenceStart, k, next, atEnd);
  }

  /** Whether the sentence so far holds a dash that opens a parenthetical. */
  private static boolean dashOpened(CharSequence t, int sentenceStart, int i) {
    for (int d = sentenceStart; d < i; d++) {
      char c = t.charAt(d);
      boolean spacedBefore = d > 0 && isSpace(t.charAt(d - 1));
      if (c == '\u2014' || (c == '\u2013' || c == '-') && spacedBefore && d + 1 < i
          && (isSpace(t.charAt(d + 1)) || t.charAt(d + 1) == '-')) {
        return true;
      }
    }
    return false;
  }
}
