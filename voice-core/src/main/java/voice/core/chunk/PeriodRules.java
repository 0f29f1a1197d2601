package voice.core.chunk;

import static voice.core.chunk.Punctuation.isLineBreak;
import static voice.core.chunk.Punctuation.isOpener;
import static voice.core.chunk.Punctuation.isSpace;

import voice.core.chunk.BoundaryRules.Decision;
import voice.core.chunk.Punctuation.Start;

/**
 * What one period (or "!", "?") after a word means, judged by that word and, where it must be,
 * the word after it: an abbreviation, an initial, a list marker, a name, or a sentence end.
 */
final class PeriodRules {
  private PeriodRules() {}

  /**
   * A single period at {@code i} followed by space; {@code k} is the first character of the next
   * word, which starts with {@code next} (not lower case).
   */
  static Decision singlePeriod(CharSequence t, int i, int sentenceStart, int k, Start next, boolean atEnd) {
    int ts = tokenStart(t, i);
    String token = t.subSequence(ts, i).toString();
    if (token.isEmpty()) {
      return Decision.BOUNDARY;
    }
    if (Abbreviations.isListMarker(token) && onlySpaceOrBullets(t, sentenceStart, ts)) {
      return Decision.NONE; // "1. First", "a. Apples", "IV. Results"
    }
    if (Abbreviations.isPrepositive(token)) {
      return Decision.NONE; // "Dr. Smith", "e.g. Python"
    }
    if (next == Start.DIGIT) {
      // "at 5 a.m. 6 days", "p. 55", "No. 5", "Jan. 12"; not "We sold 1,250. 3 people came."
      boolean beforeNumber = Abbreviations.isAmPm(token) || Abbreviations.isDotted(token)
          || token.length() == 1 && Character.isLetter(token.charAt(0)) && token.charAt(0) != 'I'
          || Abbreviations.isBeforeNumber(token);
      return beforeNumber ? Decision.NONE : Decision.BOUNDARY;
    }
    if (next != Start.UPPER) {
      boolean initial = token.length() == 1 && Character.isUpperCase(token.charAt(0)) && token.charAt(0) != 'I';
      return initial ? Decision.NONE : Decision.BOUNDARY;
    }
    if (token.equals("I")) { // "you and I. Did" ends; "Albert I. Jones" does not
      return previousWordCapitalized(t, ts) ? Decision.NONE : Decision.BOUNDARY;
    }
    boolean letter = token.length() == 1 && Character.isLetter(token.charAt(0));
    if (letter && Character.isLowerCase(token.charAt(0)) || !letter && !Abbreviations.isAmPm(token)
        && !Abbreviations.isDotted(token) && !Abbreviations.isCompany(token) && !Abbreviations.isReference(token)) {
      return Decision.BOUNDARY; // a plain word: no need to wait for the next one
    }
    String word = nextWord(t, k, atEnd);
    if (word == null) {
      return Decision.NEED_MORE;
    }
    if (Abbreviations.isAmPm(token)) {
      // "at 5 p.m. Then we..." ends a sentence; "at 5 a.m. Mr. Smith", "9 a.m. Pacific" do not.
      return Abbreviations.isPrepositive(word) || Abbreviations.isTimeWord(word) ? Decision.NONE : Decision.BOUNDARY;
    }
    if (Abbreviations.isDotted(token)) {
      // "the U.S. How about you?" ends a sentence; "the U.S. Government" does not.
      return Abbreviations.isSentenceStarter(word) ? Decision.BOUNDARY : Decision.NONE;
    }
    if (letter) {
      // An initial ("J. R. R. Tolkien", "T. A. Brown"), unless a sentence starts: "option B. Then".
      boolean starts = Abbreviations.isSentenceStarter(word) && !initialAt(t, k + word.length());
      return starts ? Decision.BOUNDARY : Decision.NONE;
    }
    if (Abbreviations.isCompany(token) && Abbreviations.isCompany(word)) {
      return Decision.NONE; // "Sons Co. Ltd."
    }
    if (Abbreviations.isReference(token)) {
      // "Art. B.2", "Fig. A1": a reference that holds a number
      String reference = nextToken(t, k, atEnd);
      if (reference == null) {
        return Decision.NEED_MORE;
      }
      return reference.chars().anyMatch(Character::isDigit) ? Decision.NONE : Decision.BOUNDARY;
    }
    return Decision.BOUNDARY;
  }

  /**
   * A single "!" or "?" at {@code i} before a capitalised word at {@code k}: a name that holds it
   * ("Jeopardy! Tonight", "Why? Magazine") goes on, anything else ends the sentence.
   */
  static Decision name(CharSequence t, int i, int k, boolean atEnd) {
    String token = t.subSequence(tokenStart(t, i), i).toString();
    boolean exclaiming = t.charAt(i) == '!' && Abbreviations.isExclaimingName(token);
    if (!exclaiming && !Abbreviations.mayBeQuestioningName(token)) {
      return Decision.BOUNDARY;
    }
    String word = nextWord(t, k, atEnd);
    if (word == null) {
      return Decision.NEED_MORE;
    }
    boolean goesOn = exclaiming ? !Abbreviations.isSentenceStarter(word) : Abbreviations.isQuestioningName(token, word);
    return goesOn ? Decision.NONE : Decision.BOUNDARY;
  }

  /**
   * "done.Next", "works!Thanks": a capitalised word glued to a sentence's end (and not a name,
   * path or address such as "U.S.Army", "list.Add(x)", "www.Example.com").
   */
  static Decision glued(CharSequence t, int i, boolean atEnd) {
    int len = t.length();
    int ts = tokenStart(t, i);
    char before = i > ts ? t.charAt(i - 1) : ' ';
    boolean period = t.charAt(i) == '.';
    boolean wordBefore = Character.isLowerCase(before) || Character.isDigit(before) && period
        || Character.isLetter(before) && !period;
    if (!wordBefore || !Character.isUpperCase(t.charAt(i + 1))
        || !t.subSequence(ts, i).chars().allMatch(Character::isLetterOrDigit)
        || Abbreviations.isPrepositive(t.subSequence(ts, i).toString())) {
      return Decision.NONE;
    }
    int e = i + 2;
    while (e < len && Character.isLowerCase(t.charAt(e))) {
      e++;
    }
    if (e == len) {
      return atEnd && e > i + 2 ? Decision.BOUNDARY : atEnd ? Decision.NONE : Decision.NEED_MORE;
    }
    char after = t.charAt(e);
    if (e == i + 2 || Character.isLetterOrDigit(after)) {
      return Decision.NONE; // "U.SA", "file.MyName"
    }
    if (after == '.') { // "done.Next." ends; "www.Example.com" is an address
      if (e + 1 == len) {
        return atEnd ? Decision.BOUNDARY : Decision.NEED_MORE;
      }
      return isSpace(t.charAt(e + 1)) ? Decision.BOUNDARY : Decision.NONE;
    }
    return isSpace(after) || ",;:!?'\"\u2019)".indexOf(after) >= 0 ? Decision.BOUNDARY : Decision.NONE;
  }

  private static int tokenStart(CharSequence t, int i) {
    int ts = i;
    while (ts > 0 && !isSpace(t.charAt(ts - 1))) {
      ts--;
    }
    while (ts < i && isOpener(t.charAt(ts))) {
      ts++;
    }
    return ts;
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

  /** The characters up to the next space from {@code k}, or null when it may still go on. */
  private static String nextToken(CharSequence t, int k, boolean atEnd) {
    int e = k;
    while (e < t.length() && !isSpace(t.charAt(e))) {
      e++;
    }
    return e == t.length() && !atEnd ? null : t.subSequence(k, e).toString();
  }

  private static boolean initialAt(CharSequence t, int e) {
    return e < t.length() && t.charAt(e) == '.' && e >= 2 && isSpace(t.charAt(e - 2));
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
