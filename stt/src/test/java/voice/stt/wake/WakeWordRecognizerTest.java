package voice.stt.wake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.message.Transcript;
import voice.stt.FliteSpeech;
import voice.stt.SttOptions;
import voice.stt.StreamingTranscriber;
import voice.stt.TestAudio;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;

/**
 * The wake word in front of a real recognizer, cut into utterances as in the pipeline: only
 * what follows "hey computer" (or comes soon after it) comes out, without the phrase. The wake
 * state runs on the input's own clock, so the test does not depend on decoding speed.
 */
class WakeWordRecognizerTest {
  private static final List<String> finals = new ArrayList<>();
  private static int detections;
  private static StreamingTranscriber transcriber;
  private static WakeWordRecognizer recognizer;

  @BeforeAll
  static void start() {
    AtomicReference<StreamingTranscriber> clock = new AtomicReference<>();
    WakeState state = new WakeState(0, () -> clock.get().positionMs());
    WakeWordDetector spotter = WakeWordDetector.open(
        new WakeWordSettings("hey computer", WakeWordSettings.DEFAULT_THRESHOLD, 0), PocketSphinxModel.debianEnUs());
    recognizer = new WakeWordRecognizer(PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs()), spotter, state,
        () -> detections++);
    transcriber = new StreamingTranscriber(recognizer, SttOptions.DEFAULT, new StreamingTranscriber.Listener() {
      @Override
      public void speechStarted(String utterance, long atMs) {}

      @Override
      public void partial(Transcript transcript) {}

      @Override
      public void speechEnded(String utterance, long atMs) {}

      @Override
      public void finalResult(Transcript transcript) {
        if (!transcript.text().isEmpty()) {
          finals.add(transcript.text());
        }
      }
    });
    clock.set(transcriber);
  }

  @AfterAll
  static void stop() {
    recognizer.close();
  }

  @Test
  void onlyWhatFollowsTheWakeWordIsHeardAndThePhraseIsCut() throws Exception {
    short[] audio = TestAudio.concat(
        TestAudio.silence(500), FliteSpeech.say("slt", "What is the capital of Spain?"),
        TestAudio.silence(1500), FliteSpeech.say("slt", "Hey computer, what is the capital of France?"),
        TestAudio.silence(8000), FliteSpeech.say("slt", "What is the capital of Germany?"),
        TestAudio.silence(1500), FliteSpeech.say("slt", "Hey computer."),
        TestAudio.silence(1200), FliteSpeech.say("slt", "What is the capital of Italy?"),
        TestAudio.silence(1500));
    for (int i = 0; i < audio.length; i += 320) {
      transcriber.accept(audio, i, Math.min(320, audio.length - i));
    }
    transcriber.finish();
    System.out.println("wake word: " + detections + " detections, heard " + finals);
    assertThat(detections).isEqualTo(2);
    assertThat(finals).hasSize(2);
    assertThat(finals.get(0)).contains("capital").contains("france").doesNotContain("computer").doesNotContain("hey");
    assertThat(finals.get(1)).contains("capital").contains("italy").doesNotContain("computer");
  }
}
