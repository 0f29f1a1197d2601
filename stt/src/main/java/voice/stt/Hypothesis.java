package voice.stt;

import java.util.List;
import voice.core.message.Transcript;

/**
 * What a recognizer heard so far in the current utterance. Word times are milliseconds from the
 * first sample given after {@link Recognizer#startUtterance()}; engines without word timings
 * give an empty list.
 */
public record Hypothesis(String text, List<Transcript.Word> words) {
  public static final Hypothesis EMPTY = new Hypothesis("", List.of());

  public Hypothesis {
    text = text == null ? "" : text.strip();
    words = words == null ? List.of() : List.copyOf(words);
  }

  public boolean isEmpty() {
    return text.isEmpty();
  }
}
