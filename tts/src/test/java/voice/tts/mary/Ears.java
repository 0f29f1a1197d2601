package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import voice.tts.SpeechEngine;

/**
 * Hears what an engine says: its speech, resampled to 16 kHz by sox, transcribed by PocketSphinx
 * (Debian's {@code pocketsphinx}, {@code pocketsphinx-en-us} and {@code sox}).
 */
public final class Ears {
  private static final Path DECODER = Path.of("/usr/bin/pocketsphinx_continuous");

  private Ears() {}

  /** Fails (never skips) when the packages are missing: .ci/run installs them. */
  public static void assertInstalled() {
    assertThat(Files.isExecutable(DECODER) && Files.isExecutable(Path.of("/usr/bin/sox")))
        .as("needs the Debian packages pocketsphinx, pocketsphinx-en-us and sox (.ci/run installs them)").isTrue();
  }

  /** The words PocketSphinx hears when {@code engine} says {@code text}, lower case. */
  public static List<String> hear(SpeechEngine engine, String text, Path dir) throws Exception {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    engine.synthesize(text, pcm::writeBytes);
    Path raw = dir.resolve("speech.raw");
    Files.write(raw, pcm.toByteArray());
    Path wav = dir.resolve("speech.wav");
    // -D: no dither, so the same speech always gives the same samples (and the same hypothesis).
    run("sox", "-D", "-t", "raw", "-r", String.valueOf(engine.sampleRate()), "-e", "signed", "-b", "16", "-c", "1",
        raw.toString(), "-r", "16000", wav.toString());
    return words(run(DECODER.toString(), "-infile", wav.toString(), "-logfn", "/dev/null"));
  }

  public static List<String> words(String text) {
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z']+")).filter(w -> !w.isEmpty()).toList();
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s exit code", command[0]).isZero();
    return stdout;
  }
}
