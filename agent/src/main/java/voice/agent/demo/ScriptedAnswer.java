package voice.agent.demo;

import java.util.ArrayList;
import java.util.List;

/** The scripted answer of the demo model and the benchmark: plain spoken English cut into word-sized tokens. */
public final class ScriptedAnswer {
  private static final String[] SENTENCES = {
    "Paris is the capital of France, and it has been the heart of the country for centuries.",
    "The city sits on the river Seine, in the north of the country.",
    "About two million people live in the city itself, and more than twelve million in the wider region.",
    "It is known for its museums, its cafes and its long avenues lined with trees.",
    "Visitors often start at the cathedral on the island in the middle of the river.",
    "From there it is a short walk to the old Latin quarter and its narrow streets.",
    "The tower of iron that stands by the river was built for a world fair in the late nineteenth century.",
    "Many people thought it was ugly at first, but today it is loved around the world.",
  };

  private ScriptedAnswer() {}

  /** Exactly {@code count} tokens: words with their leading space, repeating the text as needed. */
  public static List<String> tokens(int count) {
    List<String> tokens = new ArrayList<>(count);
    int sentence = 0;
    while (tokens.size() < count) {
      String[] words = SENTENCES[sentence % SENTENCES.length].split(" ");
      for (int i = 0; i < words.length && tokens.size() < count; i++) {
        tokens.add((tokens.isEmpty() ? "" : " ") + words[i]);
      }
      sentence++;
    }
    return tokens;
  }
}
