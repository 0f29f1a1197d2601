package voice.stt.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.stt.FliteSpeech;
import voice.stt.TestAudio;

/** PocketSphinx's keyphrase search through JNA, on speech made by flite. */
class KeyphraseSpotterTest {
  private static KeyphraseSpotter spotter;

  @BeforeAll
  static void start() {
    spotter = KeyphraseSpotter.open(PocketSphinxModel.debianEnUs(), "Hey  Computer", 1e-20);
  }

  @AfterAll
  static void stop() {
    spotter.close();
  }

  /** Detection end times (ms from the start) when {@code audio} is fed in 100 ms pieces. */
  private static List<Long> detections(short[] audio) {
    spotter.start();
    List<Long> found = new ArrayList<>();
    for (int i = 0; i < audio.length; i += 1600) {
      KeyphraseSpotter.Detection detection = spotter.accept(audio, i, Math.min(1600, audio.length - i));
      if (detection != null) {
        assertThat(detection.startMs()).isLessThan(detection.endMs() - 300);
        found.add(detection.endMs());
      }
    }
    return found;
  }

  @Test
  void eachSayingOfThePhraseIsOneDetectionTimedFromTheStart() throws Exception {
    short[] first = FliteSpeech.say("slt", "Hey computer.");
    short[] second = FliteSpeech.say("rms", "Hey computer.");
    short[] audio = TestAudio.concat(TestAudio.silence(500), first, TestAudio.silence(1500), second, TestAudio.silence(800));
    List<Long> found = detections(audio);
    System.out.println("detections at " + found + " ms");
    assertThat(spotter.phrase()).isEqualTo("hey computer");
    assertThat(found).hasSize(2);
    long firstEnd = 500 + first.length / 16;
    long secondEnd = firstEnd + 1500 + second.length / 16;
    assertThat(found.get(0)).isBetween(firstEnd - 600, firstEnd + 100);
    assertThat(found.get(1)).isBetween(secondEnd - 600, secondEnd + 100);
  }

  @Test
  void otherSpeechIsNotThePhrase() throws Exception {
    assertThat(detections(TestAudio.read(TestAudio.GO_FORWARD))).isEmpty();
  }

  @Test
  void aWordOutsideTheDictionaryIsRefusedByName() {
    assertThatThrownBy(() -> KeyphraseSpotter.open(PocketSphinxModel.debianEnUs(), "hey zorblaxx", 1e-20))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zorblaxx");
  }
}
