package voice.stt.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import voice.stt.SttOptions;
import voice.stt.TestAudio;

/**
 * The energy detector and the endpointer together, as the recognizer pipeline uses them, on
 * real recordings (where the utterances are known) and on synthetic silence and noise.
 */
class VoiceActivityTest {
  /** Speech segments [start, end] in ms found in {@code samples} with default settings. */
  static List<long[]> segments(short[] samples) {
    SttOptions options = SttOptions.DEFAULT;
    EnergyVad vad = new EnergyVad(options.vad());
    Endpointer endpointer = new Endpointer(options.endSilenceMs(), options.minSpeechMs());
    int frame = options.frameMs() * 16;
    List<long[]> found = new ArrayList<>();
    for (int off = 0; off + frame <= samples.length; off += frame) {
      long start = off / 16;
      switch (endpointer.onFrame(vad.isVoiced(samples, off, frame), start, start + options.frameMs())) {
        case SPEECH_START -> found.add(new long[] {endpointer.speechStartMs(), -1});
        case SPEECH_END -> found.get(found.size() - 1)[1] = endpointer.speechEndMs();
        default -> { }
      }
    }
    if (endpointer.flush() == Endpointer.Change.SPEECH_END) {
      found.get(found.size() - 1)[1] = endpointer.speechEndMs();
    }
    return found;
  }

  @Test
  void goForwardIsOneUtteranceAroundItsWords() throws Exception {
    // The decoder puts "go" at 0.46 s and the end of "meters" at 2.12 s.
    List<long[]> found = segments(TestAudio.read(TestAudio.GO_FORWARD));
    assertThat(found).hasSize(1);
    assertThat(found.get(0)[0]).isBetween(300L, 560L);
    assertThat(found.get(0)[1]).isBetween(1950L, 2700L);
  }

  @Test
  void everyLibrivoxSentenceIsOneUtterance() throws Exception {
    try (var files = java.nio.file.Files.list(TestAudio.LIBRIVOX)) {
      for (var wav : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
        short[] samples = TestAudio.read(wav);
        List<long[]> found = segments(samples);
        assertThat(found).as(wav.getFileName().toString()).hasSize(1);
        assertThat(found.get(0)[0]).as("onset of " + wav.getFileName()).isBetween(100L, 600L);
        assertThat(found.get(0)[1]).as("end of " + wav.getFileName()).isGreaterThan(samples.length / 16 - 1000L);
      }
    }
  }

  @Test
  void twoSentencesSeparatedByAPauseAreTwoUtterances() throws Exception {
    short[] go = TestAudio.read(TestAudio.GO_FORWARD);
    // The recording's own background continues through the 1.2 s pause, as in a real room.
    short[] pause = TestAudio.slice(go, 0, 200);
    short[] joined = TestAudio.concat(go, pause, pause, pause, pause, pause, pause, go);
    List<long[]> found = segments(joined);
    assertThat(found).hasSize(2);
    long secondFileAt = go.length / 16 + 1200;
    assertThat(found.get(0)[1]).isLessThan(go.length / 16);
    // "go" begins about 0.46 s into the recording.
    assertThat(found.get(1)[0]).isBetween(secondFileAt + 300, secondFileAt + 560);
  }

  @Test
  void cleanSpeechWithDigitalSilenceBetweenSentences() throws Exception {
    // Like synthesized speech: exact zeros around and between the sentences.
    short[] words = TestAudio.slice(TestAudio.read(TestAudio.GO_FORWARD), 350, 2300);
    short[] audio = TestAudio.concat(TestAudio.silence(1000), words, TestAudio.silence(1000), words,
        TestAudio.silence(1000));
    List<long[]> found = segments(audio);
    assertThat(found).hasSize(2);
    assertThat(found.get(0)[0]).isBetween(1000L, 1300L);
    assertThat(found.get(1)[0]).isBetween(3950L, 4250L);
    assertThat(found.get(1)[1]).isBetween(5500L, 5950L);
  }

  @Test
  void silenceAndSteadyNoiseAreNeverSpeech() {
    assertThat(segments(TestAudio.silence(5000))).isEmpty();
    for (double rms : new double[] {3, 30, 300, 3000}) {
      assertThat(segments(TestAudio.noise(8000, rms, 42))).as("white noise rms " + rms).isEmpty();
    }
  }

  @Test
  void aClickInSilenceIsNotSpeech() {
    short[] click = TestAudio.noise(40, 8000, 7);
    assertThat(segments(TestAudio.concat(TestAudio.silence(1000), click, TestAudio.silence(2000)))).isEmpty();
  }

  @Test
  void speechOverSteadyNoiseIsStillFound() throws Exception {
    short[] go = TestAudio.read(TestAudio.GO_FORWARD);
    short[] noisy = TestAudio.concat(TestAudio.noise(3000, 100, 1),
        TestAudio.mix(go, TestAudio.noise(go.length / 16, 100, 2)), TestAudio.noise(1500, 100, 3));
    List<long[]> found = segments(noisy);
    assertThat(found).hasSize(1);
    assertThat(found.get(0)[0]).isBetween(3300L, 3600L);
  }
}
