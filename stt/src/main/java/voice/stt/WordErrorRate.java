package voice.stt;

import java.util.Arrays;
import java.util.Locale;

/** Word error rate: (substitutions + deletions + insertions) / reference words, by edit distance. */
public final class WordErrorRate {
  private WordErrorRate() {}

  /** Word-level edit distance between the normalized texts. */
  public static int errors(String reference, String hypothesis) {
    String[] ref = words(reference);
    String[] hyp = words(hypothesis);
    int[] previous = new int[hyp.length + 1];
    int[] current = new int[hyp.length + 1];
    for (int j = 0; j <= hyp.length; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= ref.length; i++) {
      current[0] = i;
      for (int j = 1; j <= hyp.length; j++) {
        int substitution = previous[j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[hyp.length];
  }

  /** Errors divided by the number of reference words (0 for two empty texts). */
  public static double of(String reference, String hypothesis) {
    int n = words(reference).length;
    int errors = errors(reference, hypothesis);
    return n == 0 ? (errors == 0 ? 0 : 1) : (double) errors / n;
  }

  /** Lower case, punctuation dropped except apostrophes, split on white space. */
  public static String[] words(String text) {
    String normalized = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}' ]+", " ").strip();
    return normalized.isEmpty() ? new String[0] : Arrays.stream(normalized.split("\\s+")).toArray(String[]::new);
  }
}
