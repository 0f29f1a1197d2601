package voice.core.message;

import java.util.List;

/**
 * A recognizer's hypothesis for one utterance: partial while the user speaks, final when the
 * utterance ended. Times are positions in the input stream, in milliseconds.
 */
public record Transcript(String utterance, String text, boolean isFinal, long startMs, long endMs, List<Word> words) {
  public Transcript {
    words = words == null ? List.of() : List.copyOf(words);
  }

  /** A recognized word with its position in the input, when the engine gives it. */
  public record Word(String word, long startMs, long endMs) {}
}
