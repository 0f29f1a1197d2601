package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What MaryTTS says is really speech: PocketSphinx hears the words back ({@link Ears}). */
class SpokenWordsTest {
  private static MaryTtsEngine engine;

  @TempDir
  Path dir;

  @BeforeAll
  static void startMary() {
    Ears.assertInstalled();
    engine = MaryTtsEngine.start();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Go forward ten meters.",
      "Turn left at the next corner.",
      "Please open the door and close the window.",
      "The weather is nice today."})
  void pocketSphinxHearsMostOfTheWords(String sentence) throws Exception {
    List<String> heard = Ears.hear(engine, sentence, dir);
    List<String> said = Ears.words(sentence);
    long hits = said.stream().filter(heard::contains).count();
    assertThat(hits).as("heard %s for %s", heard, said).isGreaterThanOrEqualTo(Math.round(said.size() * 0.75));
  }
}
