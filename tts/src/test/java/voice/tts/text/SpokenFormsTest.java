package voice.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What models write, as it is handed to MaryTTS; the cases are the README's "What is spoken" table. */
class SpokenFormsTest {

  static Stream<SpokenCase> cases() {
    return SpokenCase.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writesWhatModelsWriteAsAPersonSaysIt(SpokenCase c) {
    assertThat(SpeakableText.of(c.input())).isEqualTo(c.spoken());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      In the 1990s it sold 5s and 6s.       | In the 19 nineties it sold 5s and 6s.
      A 1920x1080 screen.                    | A 1920x1080 screen.
      Version 3.14 costs $5.                 | Version 3.14 costs $5.
      Meet at 10:30 am.                      | Meet at 10:30 am.
      It is 9:00 now.                        | It is 9 o'clock now.
      The V8 engine.                         | The V8 engine.
      Go to example.com today.               | Go to example.com today.
      Visit http://localhost:8080/api now.   | Visit localhost now.
      The file is at src/main/App.java.      | The file is at src/main/App.java.
      Watch it in 4K.                        | Watch it in 4K.
      Read 0x1F and 2x2.                     | Read 0x1F and 2x2.
      Press F5 to reload.                    | Press F5 to reload.
      """)
  void leavesAloneWhatItNeedNotChange(String markdown, String spoken) {
    assertThat(SpeakableText.of(markdown)).isEqualTo(spoken);
  }
}
