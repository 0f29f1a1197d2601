package voice.tts.mary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits plain text into sentences of tokens the way MaryTTS's English preprocessing expects
 * them: punctuation as its own token, but abbreviations ({@code Dr.}, {@code U.S.}, {@code e.g.}),
 * initials, decimals, times and contractions kept whole. Pure: text in, tokens out.
 */
final class TokenSplitter {
  private static final String LEADING = "\"'([{\u201c\u2018\u00ab\u00bf\u00a1";
  private static final String CLOSING = "\"')]}\u201d\u2019\u00bb";
  private static final String TRAILING = CLOSING + ",;:!?";
  private static final String CURRENCY = "$\u20ac\u00a3\u00a5";
  private static final Set<String> SENTENCE_END = Set.of(".", "!", "?", "...", "\u2026");
  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "st", "prof", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "no",
      "approx", "dept", "fig", "mt", "ave", "e.g", "i.e", "a.m", "p.m");
  private static final Pattern ACRONYM = Pattern.compile("([A-Za-z]\\.)+[A-Za-z]");
  // Not "I": "so do I." ends a sentence.
  private static final Pattern INITIAL = Pattern.compile("[A-HJ-Z]");

  private TokenSplitter() {}

  /** Sentences of tokens; empty when the text holds no token. */
  static List<List<String>> sentences(String text) {
    List<List<String>> sentences = new ArrayList<>();
    List<String> current = new ArrayList<>();
    boolean ending = false;
    for (String word : text.trim().split("\\s+")) {
      for (String token : tokens(word)) {
        boolean closer = token.length() == 1 && CLOSING.contains(token);
        if (ending && !closer && !SENTENCE_END.contains(token)) {
          sentences.add(current);
          current = new ArrayList<>();
          ending = false;
        }
        current.add(token);
        ending |= SENTENCE_END.contains(token);
      }
    }
    if (!current.isEmpty()) {
      sentences.add(current);
    }
    return sentences;
  }

  /** The tokens of one whitespace-free word. */
  static List<String> tokens(String word) {
    List<String> head = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    int start = 0;
    int end = word.length();
    while (start < end) {
      char c = word.charAt(start);
      boolean currencyBeforeDigit = CURRENCY.indexOf(c) >= 0 && start + 1 < end
          && Character.isDigit(word.charAt(start + 1));
      if (LEADING.indexOf(c) < 0 && !currencyBeforeDigit) {
        break;
      }
      head.add(String.valueOf(c));
      start++;
    }
    while (end > start) {
      String core = word.substring(start, end);
      if (core.endsWith("...")) {
        tail.add(0, "...");
        end -= 3;
        continue;
      }
      char c = word.charAt(end - 1);
      boolean afterDigit = end - 1 > start && Character.isDigit(word.charAt(end - 2));
      if (TRAILING.indexOf(c) >= 0 || c == '\u2026'
          || (afterDigit && (c == '%' || CURRENCY.indexOf(c) >= 0))
          || (c == '.' && !keepsDot(core.substring(0, core.length() - 1)))) {
        tail.add(0, String.valueOf(c));
        end--;
        continue;
      }
      break;
    }
    List<String> all = new ArrayList<>(head);
    if (end > start) {
      all.add(word.substring(start, end));
    }
    all.addAll(tail);
    return all;
  }

  /** Whether {@code stem + "."} is an abbreviation, acronym or initial rather than a full stop. */
  private static boolean keepsDot(String stem) {
    return !stem.isEmpty() && (ABBREVIATIONS.contains(stem.toLowerCase())
        || ACRONYM.matcher(stem).matches() || INITIAL.matcher(stem).matches());
  }
}
