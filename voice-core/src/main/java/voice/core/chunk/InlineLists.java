package voice.core.chunk;

import static voice.core.chunk.Punctuation.isLineBreak;
import static voice.core.chunk.Punctuation.isSpace;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Lists written on one line: "1) eggs 2) milk", "(i) cost (ii) risk", "x. eggs y. milk",
 * "1. eggs 2. milk". A marker that continues the one before it in the same sentence starts a new
 * item, so each item is its own chunk, as it would be on its own line.
 */
final class InlineLists {
  private static final Pattern ROMAN = Pattern.compile("(x{0,3})(ix|iv|v?i{0,3})");
  private static final int LONGEST_BODY = 4;

  /** "1." (DOT), "1)" (CLOSE) or "(1)" (BOTH). */
  enum Style { DOT, CLOSE, BOTH }

  /** A marker read as a number, a letter and a roman numeral, as far as each reading fits (0 when not). */
  record Marker(Style style, int number, int letter, int roman, boolean upper) {
    boolean follows(Marker before) {
      if (before == null || style != before.style || upper != before.upper) {
        return false;
      }
      return number > 0 && number == before.number + 1
          || letter > 0 && letter == before.letter + 1
          || roman > 0 && roman == before.roman + 1;
    }
  }

  /** Returned when the text ends before the marker (or its absence) is certain. */
  static final Marker NEED_MORE = new Marker(Style.DOT, 0, 0, 0, false);

  private InlineLists() {}

  /** The list marker starting at word start {@code i}, or null if there is none. */
  static Marker at(CharSequence t, int i, boolean atEnd) {
    int len = t.length();
    boolean parenthesized = t.charAt(i) == '(';
    int bodyStart = parenthesized ? i + 1 : i;
    int e = bodyStart;
    while (e < len && e - bodyStart <= LONGEST_BODY && Character.isLetterOrDigit(t.charAt(e))) {
      e++;
    }
    String body = t.subSequence(bodyStart, Math.min(e, len)).toString();
    if (body.isEmpty() && e < len || body.length() > LONGEST_BODY || !mayBeBody(body)) {
      return null;
    }
    if (e == len) { // the body may still go on
      return atEnd ? null : NEED_MORE;
    }
    char mark = t.charAt(e);
    if (!(mark == ')' || mark == '.' && !parenthesized)) {
      return null;
    }
    if (e + 1 == len) {
      return atEnd ? null : NEED_MORE;
    }
    char after = t.charAt(e + 1);
    if (!isSpace(after) || isLineBreak(after)) {
      return null;
    }
    Style style = parenthesized ? Style.BOTH : mark == ')' ? Style.CLOSE : Style.DOT;
    boolean upper = Character.isUpperCase(body.charAt(0));
    if (style == Style.DOT && upper) {
      return null; // "J. K. Rowling": initials, not a list
    }
    int number = Character.isDigit(body.charAt(0)) ? Integer.parseInt(body) : 0;
    int letter = body.length() == 1 && Character.isLetter(body.charAt(0))
        ? Character.toLowerCase(body.charAt(0)) - 'a' + 1 : 0;
    return new Marker(style, number, letter, roman(body.toLowerCase(Locale.ROOT)), upper);
  }

  /** A number of one or two digits, one letter, or a roman numeral in one case. */
  private static boolean mayBeBody(String body) {
    if (body.isEmpty()) {
      return true;
    }
    if (body.chars().allMatch(Character::isDigit)) {
      return body.length() <= 2;
    }
    if (body.length() == 1) {
      return Character.isLetter(body.charAt(0)) && body.charAt(0) < 128;
    }
    return (body.equals(body.toLowerCase(Locale.ROOT)) || body.equals(body.toUpperCase(Locale.ROOT)))
        && ROMAN.matcher(body.toLowerCase(Locale.ROOT)).matches();
  }

  private static int roman(String body) {
    if (body.isEmpty() || !ROMAN.matcher(body).matches()) {
      return 0;
    }
    int value = 0;
    for (int k = 0; k < body.length(); k++) {
      int v = digit(body.charAt(k));
      value += k + 1 < body.length() && v < digit(body.charAt(k + 1)) ? -v : v;
    }
    return value;
  }

  private static int digit(char c) {
    return c == 'x' ? 10 : c == 'v' ? 5 : 1;
  }
}
