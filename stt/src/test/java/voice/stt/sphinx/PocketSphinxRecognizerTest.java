package voice.stt.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.stt.Hypothesis;
import voice.stt.SpeechEngineUnavailable;
import voice.stt.TestAudio;

/** The JNA binding on its own: utterances fed directly, without voice detection. */
class PocketSphinxRecognizerTest {
  private static PocketSphinxRecognizer recognizer;
  private static short[] goForward;

  @BeforeAll
  static void start() throws Exception {
    recognizer = PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
    goForward = TestAudio.read(TestAudio.GO_FORWARD);
  }

  @AfterAll
  static void stop() {
    recognizer.close();
  }

  private static Hypothesis decode(short[] samples) {
    recognizer.startUtterance();
    for (int i = 0; i < samples.length; i += 1600) {
      recognizer.accept(samples, i, Math.min(1600, samples.length - i));
    }
    return recognizer.endUtterance();
  }

  @Test
  void oneDecoderServesManyUtterancesWithTimesFromEachStart() {
    Hypothesis first = decode(goForward);
    Hypothesis second = decode(TestAudio.concat(TestAudio.silence(1000), goForward));
    assertThat(first.text()).isEqualTo("go forward ten meters");
    assertThat(second.text()).isEqualTo("go forward ten meters");
    // The second utterance has a second more of leading silence, and only that shifts its words.
    long shift = second.words().get(0).startMs() - first.words().get(0).startMs();
    assertThat(shift).isBetween(900L, 1100L);
  }

  @Test
  void partialsAppearWhileAudioFlows() {
    recognizer.startUtterance();
    Hypothesis partial = recognizer.accept(goForward, 0, 16 * 1200);
    recognizer.endUtterance();
    assertThat(partial.text()).startsWith("go");
    assertThat(partial.text()).isNotEqualTo("go forward ten meters");
  }

  @Test
  void endingWithoutAnUtteranceGivesNothing() {
    assertThat(recognizer.endUtterance().isEmpty()).isTrue();
  }

  @Test
  void aMissingModelSaysWhatToInstall() {
    assertThatThrownBy(() -> PocketSphinxModel.in(Path.of("/nonexistent/model")))
        .isInstanceOf(SpeechEngineUnavailable.class)
        .hasMessage("PocketSphinx model not found in /nonexistent/model: apt-get install pocketsphinx-en-us");
  }
}
