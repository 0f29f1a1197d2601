package voice.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import voice.tts.mary.Ears;
import voice.tts.mary.MaryTtsEngine;

/**
 * Answers written the way models write them, spoken by real MaryTTS and heard back by
 * PocketSphinx: the words a person would say are heard, and a web address's path is not. The
 * words checked are in PocketSphinx's dictionary.
 */
class SpokenAnswersTest {
  private static final String WITH_ADDRESS =
      "Sure! The setup guide is at https://example.com/docs/setup?lang=en. It takes 2-3 min to read.";
  private static MaryTtsEngine engine;

  @TempDir
  Path dir;

  @BeforeAll
  static void startMary() {
    Ears.assertInstalled();
    engine = MaryTtsEngine.start();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      The park is 5 km away, about 10 min on foot. | five kilometers away ten minutes      | men
      It is 22°C in Paris today.                   | twenty two degrees celsius           |
      Upgrade to v4.2 today.                       | version four point two               |
      Great job! 🎉 It costs $20/month.            | twenty dollars per month             | slash
      """)
  void heardAsAPersonWouldSayIt(String answer, String expected, String never) throws Exception {
    List<String> heard = Ears.hear(engine, SpeakableText.of(answer), dir);
    assertThat(heard).as("heard for %s", answer).containsSubsequence(Ears.words(expected));
    if (never != null) { // what MaryTTS says for the raw text: "min" is heard as "men"
      assertThat(heard).doesNotContain(never);
    }
  }

  @Test
  void anAddressIsHeardAsItsHostOnly() throws Exception {
    List<String> heard = Ears.hear(engine, SpeakableText.of(WITH_ADDRESS), dir);
    assertThat(heard).containsSubsequence("example", "dot", "com", "two", "to", "three", "minutes")
        .doesNotContain("docs", "slash", "forward", "question", "equals", "lang");
  }

  @Test
  void withoutSpokenFormsTheAddressWouldBeReadToTheEnd() throws Exception {
    // The check above could fail: MaryTTS given the raw answer reads the path out.
    List<String> heard = Ears.hear(engine, WITH_ADDRESS, dir);
    assertThat(heard).contains("slash");
  }
}
