package voice.stt.sphinx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrequentWordsTest {
  @TempDir Path cache;

  @Test
  void keepsTheLikeliestWordsWithAllTheirPronunciations() throws Exception {
    PocketSphinxModel model = PocketSphinxModel.debianEnUs();
    Path dictionary = FrequentWords.dictionary(model, 20_000, cache);
    Set<String> words = FrequentWords.likeliestWords(model.languageModel(), 20_000);
    System.out.println("e.g. " + words.stream().limit(10).toList());
    assertThat(words).hasSize(20_000).contains("the", "go", "forward", "ten", "meters", "weather");
    assertThat(words).doesNotContain("<s>", "</s>");
    var lines = Files.readAllLines(dictionary);
    assertThat(lines).contains("the DH AH", "the(2) DH IY");
    assertThat(lines.stream().map(FrequentWords::baseWord).distinct().count()).isBetween(15_000L, 20_000L);
    assertThat(FrequentWords.dictionary(model, 20_000, cache)).as("made once").isEqualTo(dictionary);
  }
}
