package voice.stt.wake;

import java.util.Locale;

/**
 * What a device listens for before it answers.
 *
 * @param phrase the wake word, e.g. {@code hey computer} (words of the recognizer's dictionary)
 * @param threshold PocketSphinx's keyphrase threshold: smaller wakes more readily, and falsely
 *     more often; from {@link #MIN_THRESHOLD} to {@link #MAX_THRESHOLD}
 * @param followUpMs after an answer ends, speech that starts within this time needs no wake word
 */
public record WakeWordSettings(String phrase, double threshold, long followUpMs) {
  /** Detects "hey computer" said by several voices, and nothing in minutes of other speech (see the README). */
  public static final double DEFAULT_THRESHOLD = 1e-20;
  public static final double MIN_THRESHOLD = 1e-50;
  public static final double MAX_THRESHOLD = 1;
  public static final long DEFAULT_FOLLOW_UP_MS = 6000;
  /** After the wake word alone, a question that starts within this time is heard. */
  public static final long QUESTION_WAIT_MS = 5000;

  /** @throws IllegalArgumentException with one line saying what is wrong */
  public WakeWordSettings {
    phrase = phrase == null ? "" : String.join(" ", phrase.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    if (phrase.isEmpty()) {
      throw new IllegalArgumentException("the wake word is empty: give a phrase such as \"hey computer\"");
    }
    if (!(threshold >= MIN_THRESHOLD && threshold <= MAX_THRESHOLD)) {
      throw new IllegalArgumentException("wake-word threshold " + threshold + " is out of range: use a number from "
          + MIN_THRESHOLD + " to " + MAX_THRESHOLD + " (default " + DEFAULT_THRESHOLD + "; smaller wakes more readily)");
    }
    if (followUpMs < 0) {
      throw new IllegalArgumentException("the follow-up window cannot be negative (0 turns it off)");
    }
  }
}
