package voice.core.chunk;

import static voice.core.chunk.Punctuation.isLineBreak;
import static voice.core.chunk.Punctuation.isSpace;

import java.util.regex.Pattern;

/**
 * What may follow a sentence's final punctuation and still belong to that sentence: citation
 * marks ("1066.[3]") and emoji ("Sure thing! 👍"). A model puts both after the full stop, and a
 * reader hears them (or their silence) with the sentence they close, not the next one.
 */
final class SentenceTail {
  /** Returned when the text ends inside the tail, so more text is needed to know where it ends. */
  static final int NEED_MORE = -1;

  private static final int LONGEST_CITATION = 20;
  private static final Pattern CITATION =
      Pattern.compile("\\d{1,3}(\\s?[,\u2013-]\\s?\\d{1,3})*|[a-z]|citation needed|note \\d{1,3}");

  private SentenceTail() {}

  /**
   * The index after the citation marks starting at {@code j} ("[3]", "[1][2]", "[4, 5]",
   * "[citation needed]"), {@code j} when there are none.
   */
  static int afterCitations(CharSequence t, int j, boolean atEnd) {
    int len = t.length();
    while (j < len && t.charAt(j) == '[') {
      int e = j + 1;
      while (e < len && e - j <= LONGEST_CITATION && t.charAt(e) != ']' && mayCite(t.charAt(e))) {
        e++;
      }
      if (e == len && e - j <= LONGEST_CITATION) {
        return atEnd ? j : NEED_MORE;
      }
      if (e - j > LONGEST_CITATION || t.charAt(e) != ']' || !CITATION.matcher(t.subSequence(j + 1, e)).matches()) {
        return j; // "arr[0]", a link: not a citation
      }
      j = e + 1;
    }
    return j;
  }

  /**
   * The index after the emoji that follow a sentence end at {@code j}, with or without spaces
   * before and between them; {@code j} when there are none.
   */
  static int afterEmoji(CharSequence t, int j, boolean atEnd) {
    int len = t.length();
    int last = j;
    int e = j;
    while (true) {
      while (e < len && isSpace(t.charAt(e)) && !isLineBreak(t.charAt(e))) {
        e++;
      }
      if (e == len) {
        // Emoji may go on: another one, a skin tone or a joiner.
        return last > j && !atEnd ? NEED_MORE : last;
      }
      if (Character.isHighSurrogate(t.charAt(e)) && e + 1 == len) {
        return atEnd ? last : NEED_MORE;
      }
      int cp = Character.codePointAt(t, e);
      if (!Emoji.is(cp)) {
        return last;
      }
      e += Character.charCount(cp);
      last = e;
    }
  }

  private static boolean mayCite(char c) {
    return Character.isDigit(c) || (c >= 'a' && c <= 'z') || c == ' ' || c == ',' || c == '-' || c == '\u2013';
  }
}
