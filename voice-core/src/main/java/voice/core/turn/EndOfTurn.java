package voice.core.turn;

import java.util.Locale;
import java.util.Set;

/**
 * Decides from the words heard so far and the length of the pause whether the user's turn is
 * over. Rules, no model: they run on a Raspberry Pi's CPU in microseconds and need no network.
 *
 * <ul>
 *   <li>{@link Verdict#INCOMPLETE}: the words end on one that cannot end a request (a trailing
 *       "and", "so", "um", "the", "to", "for"...) or on a number still being dictated: the turn
 *       ends only after {@link Settings#incompleteMs()}, the longest wait.
 *   <li>{@link Verdict#COMPLETE}: a question or command (it starts with "what", "is", "can",
 *       "tell", "set"...), four words or more, or a backchannel alone ("okay", "mhm"): the turn
 *       ends after {@link Settings#completeMs()}.
 *   <li>{@link Verdict#UNSURE}: anything else waits {@link Settings#unsureMs()}.
 * </ul>
 *
 * A speculative request may start at {@link Settings#speculativeMs()} of pause, except on
 * incomplete words, where it waits until the unsure wait has passed (an answer to "set a timer
 * for" is nearly always thrown away).
 */
public final class EndOfTurn {
  /** How sure the words are that the turn is over. */
  public enum Verdict { COMPLETE, UNSURE, INCOMPLETE }

  /**
   * Pauses in milliseconds: speculation starts at {@code speculativeMs}; the turn ends after
   * {@code completeMs}, {@code unsureMs} or {@code incompleteMs} of pause by the verdict.
   */
  public record Settings(long speculativeMs, long completeMs, long unsureMs, long incompleteMs) {
    /** The longest pause that can be asked for: the voice detector would call longer waits dead air. */
    public static final long MAX_MS = 5000;
    public static final Settings DEFAULT = new Settings(200, 300, 700, 1500);

    public Settings {
      if (speculativeMs < 20 || completeMs < 20 || unsureMs < 20 || incompleteMs < 20 || incompleteMs > MAX_MS) {
        throw new IllegalArgumentException("pauses must be 20.." + MAX_MS + " ms");
      }
      if (!(completeMs <= unsureMs && unsureMs <= incompleteMs)) {
        throw new IllegalArgumentException("pauses must grow: complete <= unsure <= incomplete");
      }
    }

    /** The same rules around another unsure wait (the classic end-of-utterance silence). */
    public Settings withUnsureMs(long ms) {
      return new Settings(speculativeMs, Math.min(completeMs, ms), ms, Math.max(incompleteMs, ms));
    }

    public Settings withSpeculativeMs(long ms) {
      return new Settings(ms, completeMs, unsureMs, incompleteMs);
    }
  }

  private static final Set<String> TRAILING = Set.of(
      "and", "or", "but", "so", "because", "then", "than", "if", "that", "which", "when", "while",
      "um", "uh", "er", "erm", "ah", "like",
      "the", "a", "an", "my", "your", "his", "her", "our", "their", "its", "this", "these", "those", "some",
      "to", "of", "for", "with", "in", "on", "at", "from", "by", "about", "into", "onto", "as", "per",
      "is", "are", "was", "were", "be", "am", "i", "i'm", "we", "want", "need", "please");
  /** Words enough for a request when the last one can end it. */
  private static final int LONG_ENOUGH = 4;
  /** Sounds of thinking: the turn goes on after them, even when they are all that was said. */
  private static final Set<String> FILLERS = Set.of("um", "uh", "er", "erm", "ah", "hmm");
  private static final Set<String> NUMBERS = Set.of(
      "zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
      "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
      "hundred", "thousand", "million", "point", "double", "triple");
  private static final Set<String> STARTERS = Set.of(
      "what", "what's", "who", "who's", "whom", "whose", "where", "where's", "when", "why", "how", "how's",
      "which", "is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "would", "will",
      "should", "shall", "may", "might", "have", "has", "tell", "give", "show", "play", "stop", "set",
      "open", "call", "remind", "explain", "describe", "please", "thanks", "thank", "hello", "hi");
  private static final Set<String> BACKCHANNELS = Set.of(
      "mhm", "mm", "hmm", "hm", "uh-huh", "uh", "huh", "yeah", "yes", "yep", "okay", "ok", "right",
      "sure", "alright", "oh", "ah", "i", "see", "cool", "nice", "good", "great", "got", "it", "um");

  private final Settings settings;

  public EndOfTurn(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** How sure {@code text} (a recognizer's words, any case, no punctuation needed) is that the turn is over. */
  public static Verdict judge(String text) {
    String[] words = words(text);
    if (words.length == 0) {
      return Verdict.UNSURE;
    }
    String last = words[words.length - 1];
    boolean filler = FILLERS.contains(last);
    if (filler || (TRAILING.contains(last) && !isBackchannel(text))) {
      return Verdict.INCOMPLETE;
    }
    if (NUMBERS.contains(last) && words.length > 1) {
      return Verdict.INCOMPLETE; // a phone number or an amount: the next digits may follow any pause
    }
    // The recognizer's words at a pause often garble the first one ("what" heard as "but"), so
    // four words or more that end on a word a sentence can end on count as complete too.
    if (STARTERS.contains(words[0]) || isBackchannel(text) || words.length >= LONG_ENOUGH) {
      return Verdict.COMPLETE;
    }
    return Verdict.UNSURE;
  }

  /**
   * Whether {@code text} holds no request: only backchannel words ("mhm", "yeah", "okay",
   * "uh-huh", "right", "I see"), as a listener says them while the assistant speaks.
   */
  public static boolean isBackchannel(String text) {
    String[] words = words(text);
    if (words.length == 0 || words.length > 3) {
      return false;
    }
    for (String word : words) {
      if (!BACKCHANNELS.contains(word)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The pause after which the turn heard as {@code text} is over. A backchannel alone ends at
   * the speculative pause: over an answer it means "go on", and the sooner that is known, the
   * shorter the silence before the answer resumes.
   */
  public long endAfterMs(String text) {
    if (isBackchannel(text) && judge(text) == Verdict.COMPLETE) {
      return Math.min(settings.speculativeMs(), settings.completeMs());
    }
    return switch (judge(text)) {
      case COMPLETE -> settings.completeMs();
      case UNSURE -> settings.unsureMs();
      case INCOMPLETE -> settings.incompleteMs();
    };
  }

  /** The pause after which a speculative request for {@code text} may start. */
  public long speculateAfterMs(String text) {
    long at = judge(text) == Verdict.INCOMPLETE ? settings.unsureMs() : settings.speculativeMs();
    return Math.min(at, endAfterMs(text));
  }

  /** Whether two transcripts hold the same words, whatever their case and punctuation. */
  public static boolean sameWords(String a, String b) {
    return String.join(" ", words(a)).equals(String.join(" ", words(b)));
  }

  private static String[] words(String text) {
    String cleaned = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' -]", " ").strip();
    return cleaned.isEmpty() ? new String[0] : cleaned.split("\\s+");
  }
}
