package voice.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeakableTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      This is **very** important.          | This is very important.
      This is *quite* nice.                | This is quite nice.
      An _italic_ word and __bold__ one.   | An italic word and bold one.
      ***Both*** at once.                  | Both at once.
      Run `ls -la` now.                    | Run ls -la now.
      Keep snake_case_names as they are.   | Keep snake_case_names as they are.
      Two * three is six.                  | Two * three is six.
      ~~Old~~ new.                         | Old new.
      See [the docs](https://example.com). | See the docs.
      ![a cat](cat.png) sleeps.            | a cat sleeps.
      Mail <mailto:a@b.org> now.           | Mail a@b.org now.
      Press <b>Enter</b> now.              | Press Enter now.
      Fish &amp; chips.                    | Fish & chips.
      Great job! 🎉🚀                      | Great job!
      I ❤️ it 👍🏽.                          | I it.
      Version 3.14 costs $5.               | Version 3.14 costs $5.
      """)
  void inlineMarkupIsNotReadAloud(String markdown, String spoken) {
    assertThat(SpeakableText.of(markdown)).isEqualTo(spoken);
  }

  @Test
  void headingsBulletsAndNumbersLoseTheirMarkersButKeepAPause() {
    String markdown = """
        ## Shopping list
        - apples
        * pears, ripe
        1. Wash them
        2) Eat them!
        > Quoted wisdom.
        ---
        Done.""";
    assertThat(SpeakableText.of(markdown))
        .isEqualTo("Shopping list. apples. pears, ripe. Wash them. Eat them! Quoted wisdom. Done.");
  }

  @Test
  void codeBlocksAreDroppedEntirely() {
    String markdown = """
        Run this:
        ```python
        print("hello")
        ```
        Then relax.""";
    assertThat(SpeakableText.of(markdown)).isEqualTo("Run this: Then relax.");
  }

  @Test
  void aCodeBlockSpanningChunksIsDroppedAcrossThem() {
    SpeakableText turn = new SpeakableText();
    assertThat(turn.next("Here it is:\n```bash")).isEqualTo("Here it is:");
    assertThat(turn.next("rm -rf build")).isEmpty();
    assertThat(turn.next("make all")).isEmpty();
    assertThat(turn.next("```")).isEmpty();
    assertThat(turn.next("That builds it.")).isEqualTo("That builds it.");
  }

  @Test
  void aOneLineFenceDoesNotOpenABlock() {
    SpeakableText turn = new SpeakableText();
    assertThat(turn.next("```ls```")).isEmpty();
    assertThat(turn.next("Still spoken.")).isEqualTo("Still spoken.");
  }

  @Test
  void tablesAreReadCellByCell() {
    assertThat(SpeakableText.of("| Name | Age |\n|---|---:|\n| Ann | 42 |"))
        .isEqualTo("Name, Age. Ann, 42.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ''
      '   '
      🎉🎉
      '**  **'
      '- '
      '```'
      '<br/>'
      '---'
      """)
  void nothingSpeakableGivesEmptyText(String markdown) {
    assertThat(SpeakableText.of(markdown)).isEmpty();
  }

  @Test
  void nullIsEmpty() {
    assertThat(SpeakableText.of(null)).isEmpty();
  }
}
