package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What MaryTTS says is really speech: PocketSphinx (Debian's {@code pocketsphinx} and
 * {@code pocketsphinx-en-us}) hears the words back after sox resamples the audio to 16 kHz.
 */
class SpokenWordsTest {
  private static final Path DECODER = Path.of("/usr/bin/pocketsphinx_continuous");
  private static MaryTtsEngine engine;

  @TempDir
  Path dir;

  @BeforeAll
  static void startMary() {
    // Never skipped: .ci/run installs these, and without them the test must fail, not pass silently.
    assertThat(Files.isExecutable(DECODER) && Files.isExecutable(Path.of("/usr/bin/sox")))
        .as("needs the Debian packages pocketsphinx, pocketsphinx-en-us and sox (.ci/run installs them)").isTrue();
    engine = MaryTtsEngine.start();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Go forward ten meters.",
      "Turn left at the next corner.",
      "Please open the door and close the window.",
      "The weather is nice today."})
  void pocketSphinxHearsMostOfTheWords(String sentence) throws Exception {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    engine.synthesize(sentence, pcm::writeBytes);
    Path raw = dir.resolve("speech.raw");
    Files.write(raw, pcm.toByteArray());
    Path wav = dir.resolve("speech.wav");
    // -D: no dither, so the same speech always gives the same samples (and the same hypothesis).
    run("sox", "-D", "-t", "raw", "-r", String.valueOf(engine.sampleRate()), "-e", "signed", "-b", "16", "-c", "1",
        raw.toString(), "-r", "16000", wav.toString());

    List<String> heard = words(run(DECODER.toString(), "-infile", wav.toString(), "-logfn", "/dev/null"));
    List<String> said = words(sentence);
    long hits = said.stream().filter(heard::contains).count();
    assertThat(hits).as("heard %s for %s", heard, said).isGreaterThanOrEqualTo(Math.round(said.size() * 0.75));
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase().split("[^a-z']+")).filter(w -> !w.isEmpty()).toList();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s exit code", command[0]).isZero();
    return stdout;
  }
}
