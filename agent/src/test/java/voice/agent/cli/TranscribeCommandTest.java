package voice.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.bench.SpokenAudio;
import voice.tts.mary.MaryTtsEngine;

/** {@code voice-agent transcribe} in-process on Debian's pocketsphinx-testdata recordings. */
class TranscribeCommandTest {
  private static final Path DATA = Path.of("/usr/share/pocketsphinx/test/data");
  private static final String GO_FORWARD = DATA.resolve("goforward.raw").toString();
  private static final String LIBRIVOX =
      DATA.resolve("librivox/sense_and_sensibility_01_austen_64kb-0880.wav").toString();

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CliRun run = CliRun.of(args);
    return new Run(run.exitCode(), run.out(), run.err());
  }

  /** goforward.raw as a 44.1 kHz stereo WAV, written by sox, so the resampler is exercised. */
  private Path stereoWav() throws Exception {
    Path wav = dir.resolve("go stereo.wav");
    // -D: no dither, so the recognizer always gets the same samples.
    Process sox = new ProcessBuilder("sox", "-D", "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1",
        GO_FORWARD, "-r", "44100", "-c", "2", wav.toString()).redirectErrorStream(true).start();
    assertThat(sox.waitFor()).isZero();
    return wav;
  }

  @Test
  void printsOneLinePerFileAndWritesTimedEvents() throws Exception {
    Path events = dir.resolve("events.jsonl");
    String stereo = stereoWav().toString();
    Run run = run("transcribe", "--stt", "pocketsphinx", "--events", events.toString(),
        GO_FORWARD, LIBRIVOX, stereo);

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(GO_FORWARD + "\tgo forward ten meters");
    assertThat(lines.get(1)).startsWith(LIBRIVOX + "\the was not").endsWith("young man");
    assertThat(lines.get(2)).isEqualTo(stereo + "\tgo forward ten meters");

    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> parsed = Files.readAllLines(events).stream().map(l -> {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> event = json.readValue(l, Map.class);
        return event;
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + l);
      }
    }).toList();
    assertThat(parsed).allSatisfy(e -> assertThat(e).containsKeys("ts", "t_ms", "turn", "type"));
    Map<String, Object> firstFinal = parsed.stream().filter(e -> "stt.final".equals(e.get("type"))).findFirst().orElseThrow();
    assertThat(firstFinal.get("text")).isEqualTo("go forward ten meters");
    assertThat(firstFinal.get("file")).isEqualTo(GO_FORWARD);
    assertThat(((Number) firstFinal.get("start_ms")).longValue()).isBetween(300L, 600L);
    assertThat((List<?>) firstFinal.get("words")).hasSize(4);
    assertThat(parsed).anyMatch(e -> "stt.partial".equals(e.get("type")) && GO_FORWARD.equals(e.get("file")));
  }

  @Test
  void eachFileIsDecodedAsIfItWereTheOnlyOne() throws Exception {
    // A question in the project's voice at 48 kHz, and the same question through an 8 kHz channel.
    Path question = new SpokenAudio(MaryTtsEngine.start()).silence(300).say("What is the capital of France?")
        .silence(500).write(dir.resolve("q.wav"));
    Path narrowband = dir.resolve("q8k.wav");
    Process sox = new ProcessBuilder("sox", "-D", question.toString(), "-r", "8000", narrowband.toString())
        .redirectErrorStream(true).start();
    assertThat(sox.waitFor()).isZero();

    Run alone = run("transcribe", "--stt", "pocketsphinx", question.toString());
    Run after = run("transcribe", "--stt", "pocketsphinx", narrowband.toString(), question.toString());

    assertThat(alone.out().strip()).isEqualTo(question + "\twhat is the capital of france");
    assertThat(after.exit()).as(after.err()).isZero();
    assertThat(after.out().lines().toList()).as("the 8 kHz file before it changes nothing")
        .hasSize(2).last().isEqualTo(alone.out().strip());
  }

  @Test
  void anUnreadableFileIsOneLineAndTheOthersStillRun() throws Exception {
    Path notWav = Files.writeString(dir.resolve("notes.wav"), "not audio at all");
    String missing = dir.resolve("missing.wav").toString();
    Run run = run("transcribe", "--stt", "pocketsphinx", missing, notWav.toString(), GO_FORWARD);

    assertThat(run.exit()).isNotZero();
    assertThat(run.out().lines().toList()).containsExactly(GO_FORWARD + "\tgo forward ten meters");
    List<String> errors = run.err().lines().toList();
    assertThat(errors).hasSize(3);
    assertThat(errors.get(0)).startsWith("voice-agent: cannot read " + missing + ": ");
    assertThat(errors.get(1)).startsWith("voice-agent: cannot read " + notWav + ": ");
    assertThat(errors.get(2)).isEqualTo("voice-agent: 2 of 3 files could not be read");
  }

  @Test
  void aMissingEngineOrModelIsOneLine() {
    Run vosk = run("transcribe", "--stt", "vosk", "--vosk-model", dir.resolve("none").toString(), GO_FORWARD);
    assertThat(vosk.exit()).isNotZero();
    assertThat(vosk.out()).isEmpty();
    assertThat(vosk.err().lines().toList()).singleElement().asString()
        .startsWith("voice-agent: no Vosk model in ").contains("voice-agent models pull vosk-small-en-us");

    Run unknown = run("transcribe", "--stt", "whisper", GO_FORWARD);
    assertThat(unknown.exit()).as("a bad option").isEqualTo(2);
    assertThat(unknown.err().strip())
        .isEqualTo("voice-agent: unknown speech engine 'whisper': use auto, vosk or pocketsphinx");
  }
}
