package voice.core.chunk;

import static voice.core.chunk.Punctuation.isSpace;

import java.util.Set;

/**
 * Where a sentence may be cut between clauses. Every answer depends only on the text up to
 * {@link #LOOKAHEAD} characters past the latest cut it may return, so a streamed sentence can be
 * cut as soon as that much of it has arrived, at the same place as the whole sentence would be.
 */
final class ClauseSplits {
  /** Characters needed past a cut to judge it: a space, the longest conjunction, a space. */
  static final int LOOKAHEAD = 12;

  private static final Set<String> CONJUNCTIONS = Set.of(
      "and", "but", "or", "nor", "so", "yet", "because", "although", "though", "while",
      "whereas", "which", "unless");

  private ClauseSplits() {}

  /**
   * The index just after clause punctuation (comma, semicolon, colon, dash) followed by a space,
   * if {@code i} is one, else -1. Not in "1,000", "10:30" or "well-known".
   */
  static int afterPunctuation(CharSequence t, int i, int limit) {
    char c = t.charAt(i);
    if (i + 1 >= limit) {
      return -1;
    }
    char after = t.charAt(i + 1);
    return switch (c) {
      case ',', ';', ':' -> isSpace(after) ? i + 1 : -1;
      case '\u2014' -> i + 1; // em dash, spaced or not
      case '-', '\u2013' -> i > 0 && isSpace(t.charAt(i - 1)) && isSpace(after) ? i + 1 : -1;
      default -> -1;
    };
  }

  /**
   * The cut for a chunk starting at {@code start} that is too long: the last clause punctuation
   * that leaves between {@code minChars} and {@code maxChars} before the cut, else the last space
   * before a conjunction, else the last space; -1 if there is none.
   */
  static int find(CharSequence t, int start, int limit, int minChars, int maxChars) {
    int punctuation = -1;
    int conjunction = -1;
    int space = -1;
    int stop = (int) Math.min(limit, (long) start + maxChars + 1);
    for (int i = start; i < stop; i++) {
      int cut = afterPunctuation(t, i, limit);
      if (cut >= 0 && cut - start >= minChars && cut - start <= maxChars) {
        punctuation = cut;
      }
      if (isSpace(t.charAt(i)) && i - start >= minChars && i - start <= maxChars) {
        space = i;
        if (conjunctionAt(t, i + 1, limit)) {
          conjunction = i;
        }
      }
    }
    return punctuation >= 0 ? punctuation : conjunction >= 0 ? conjunction : space;
  }

  private static boolean conjunctionAt(CharSequence t, int from, int limit) {
    int e = from;
    while (e < limit && e - from < 9 && Character.isLowerCase(t.charAt(e))) {
      e++;
    }
    return e > from && e < limit && isSpace(t.charAt(e)) && CONJUNCTIONS.contains(t.subSequence(from, e).toString());
  }
}
