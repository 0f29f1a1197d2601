package voice.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.stt.sphinx.FrequentWords;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;

/**
 * Real recorded speech (Debian pocketsphinx-testdata) through our voice detector, endpointer and
 * JNA decoder, scored against the reference transcriptions and against the engine's own
 * {@code pocketsphinx_continuous} on the same files in the same run.
 */
class PocketSphinxAccuracyTest {
  /** Our segmentation may differ from the engine's; it may cost at most this much WER. */
  private static final double MARGIN = 0.05;

  private static PocketSphinxRecognizer recognizer;

  @BeforeAll
  static void startDecoder() {
    recognizer = PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
  }

  @AfterAll
  static void stopDecoder() {
    recognizer.close();
  }

  @Test
  void transcribesRecordedSpeechAsWellAsTheEngineItself() throws Exception {
    Map<Path, String> references = references();
    int words = 0;
    int ourErrors = 0;
    int engineErrors = 0;
    long audioMs = 0;
    long decodeNanos = 0;
    for (Map.Entry<Path, String> entry : references.entrySet()) {
      short[] samples = TestAudio.read(entry.getKey());
      long t0 = System.nanoTime();
      String ours = RecordingListener.transcribe(recognizer, SttOptions.DEFAULT, samples).text();
      decodeNanos += System.nanoTime() - t0;
      audioMs += samples.length / 16;
      String engine = pocketsphinxContinuous(entry.getKey());
      words += WordErrorRate.words(entry.getValue()).length;
      ourErrors += WordErrorRate.errors(entry.getValue(), ours);
      engineErrors += WordErrorRate.errors(entry.getValue(), engine);
      System.out.printf("%s%n  reference: %s%n  ours:      %s%n  engine:    %s%n",
          entry.getKey().getFileName(), entry.getValue(), ours, engine);
    }
    double ourWer = (double) ourErrors / words;
    double engineWer = (double) engineErrors / words;
    double realTimeFactor = decodeNanos / 1e6 / audioMs;
    System.out.printf("WER ours %.3f, pocketsphinx_continuous %.3f over %d words; real-time factor %.2f%n",
        ourWer, engineWer, words, realTimeFactor);
    assertThat(ourWer).isLessThanOrEqualTo(engineWer + MARGIN);
    assertThat(ourWer).as("sanity: most words right").isLessThan(0.35);
  }

  @Test
  void theSmallProfilesVocabularyCostsLittleAccuracy(@TempDir Path cache) throws Exception {
    PocketSphinxModel full = PocketSphinxModel.debianEnUs();
    PocketSphinxModel small = full.withDictionary(FrequentWords.dictionary(full, SpeechEngines.SMALL_VOCABULARY, cache));
    int words = 0;
    int fullErrors = 0;
    int smallErrors = 0;
    try (PocketSphinxRecognizer cut = PocketSphinxRecognizer.open(small)) {
      for (Map.Entry<Path, String> entry : references().entrySet()) {
        short[] samples = TestAudio.read(entry.getKey());
        words += WordErrorRate.words(entry.getValue()).length;
        fullErrors += WordErrorRate.errors(entry.getValue(),
            RecordingListener.transcribe(recognizer, SttOptions.DEFAULT, samples).text());
        smallErrors += WordErrorRate.errors(entry.getValue(),
            RecordingListener.transcribe(cut, SttOptions.DEFAULT, samples).text());
      }
    }
    System.out.printf("WER with the whole dictionary %.3f, with the %d likeliest words %.3f, over %d words%n",
        (double) fullErrors / words, SpeechEngines.SMALL_VOCABULARY, (double) smallErrors / words, words);
    assertThat((double) smallErrors / words).isLessThanOrEqualTo((double) fullErrors / words + 0.10);
  }

  @Test
  void goForwardIsRecognizedWordForWordWithTimings() throws Exception {
    RecordingListener heard =
        RecordingListener.transcribe(recognizer, SttOptions.DEFAULT, TestAudio.read(TestAudio.GO_FORWARD));
    assertThat(heard.finals).hasSize(1);
    assertThat(heard.finals.get(0).text()).isEqualTo("go forward ten meters");
    assertThat(heard.finals.get(0).words()).extracting(w -> w.word())
        .containsExactly("go", "forward", "ten", "meters");
    // The words lie inside the audio, in order, each starting where speech could be.
    long previousEnd = 0;
    for (var word : heard.finals.get(0).words()) {
      assertThat(word.startMs()).isGreaterThanOrEqualTo(previousEnd).isLessThan(word.endMs());
      previousEnd = word.endMs();
    }
    assertThat(previousEnd).isLessThanOrEqualTo(2790);
    assertThat(heard.finals.get(0).words().get(0).startMs()).isBetween(300L, 700L);
    // Partials grow towards the final and never repeat themselves.
    assertThat(heard.partials).isNotEmpty();
    for (int i = 1; i < heard.partials.size(); i++) {
      assertThat(heard.partials.get(i).text()).isNotEqualTo(heard.partials.get(i - 1).text());
    }
    assertThat(heard.partials.get(0).text()).startsWith("go");
  }

  /** goforward.raw plus the librivox files with their transcriptions. */
  private static Map<Path, String> references() throws IOException {
    Map<Path, String> references = new LinkedHashMap<>();
    references.put(TestAudio.GO_FORWARD, "go forward ten meters");
    Pattern line = Pattern.compile("<s>(.*)</s>\\s*\\((.+)\\)");
    for (String text : Files.readAllLines(TestAudio.LIBRIVOX.resolve("transcription"))) {
      Matcher m = line.matcher(text);
      if (m.find()) {
        references.put(TestAudio.LIBRIVOX.resolve(m.group(2).trim() + ".wav"), m.group(1).trim());
      }
    }
    assertThat(references).hasSize(6);
    return references;
  }

  /** The engine's own continuous recognizer: one line per utterance it found. */
  static String pocketsphinxContinuous(Path file) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("pocketsphinx_continuous", "-infile", file.toString(),
        "-logfn", "/dev/null").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return String.join(" ", out.strip().split("\\s+"));
  }
}
