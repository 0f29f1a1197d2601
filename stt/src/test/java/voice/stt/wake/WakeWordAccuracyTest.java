package voice.stt.wake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.stt.FliteSpeech;
import voice.stt.TestAudio;
import voice.stt.sphinx.PocketSphinxModel;

/**
 * How well "hey computer" is spotted at the default threshold: said by four synthetic voices it
 * is found, and minutes of other speech (pocketsphinx-testdata's recordings of real people, then
 * prose read by the same voices, with "hey" and "computer" used apart and in phrases that sound
 * almost alike, such as "the new computers" or "today? Compute") wake nothing.
 */
class WakeWordAccuracyTest {
  private static final String[] VOICES = {"slt", "rms", "awb", "kal16"};
  private static final String[] PROSE = {
      "The old house stood at the end of the lane, and every winter the wind came through the gaps in its windows."
          + " My grandmother kept a garden behind it, with beans, tomatoes and a row of sunflowers taller than a man."
          + " On Sundays we walked to the river and counted the boats that went by.",
      "Please remember to buy milk, bread and a dozen eggs on the way home. The shop closes at seven tonight,"
          + " so there is not much time. If they have no brown bread, any kind will do. They said the weather"
          + " would turn cold by the weekend, so bring the coats in from the car.",
      "Hey, did you see the match last night? The second half was much better than the first. My computer crashed"
          + " twice while I was writing the report, so I had to start again from the notes. The committee meets"
          + " on Tuesday to decide the budget for the new computers in the library.",
      "Turn left at the church, then follow the road past the school until you reach the bridge. The station"
          + " is on the other side. Trains leave every twenty minutes during the day, and every hour after nine."
          + " Hey there, hello, how are you today? Compute the total before you pay the bill.",
  };
  /** "Computer" run into a sound like "hey": the keyphrase search alone wakes on most of these. */
  private static final String NEAR_MISSES = "The computer in the office crashed twice this morning. Our office computer"
      + " is older than the printer, and nobody remembers the password. Maybe a new computer would be cheaper.";
  private static WakeWordDetector spotter;

  @BeforeAll
  static void start() {
    spotter = WakeWordDetector.open(new WakeWordSettings("hey computer", WakeWordSettings.DEFAULT_THRESHOLD, 0),
        PocketSphinxModel.debianEnUs());
  }

  @AfterAll
  static void stop() {
    spotter.close();
  }

  /** Detections in {@code audio}, fed in 20 ms frames as from a microphone. */
  private static int detections(short[] audio) {
    spotter.start();
    int found = 0;
    for (int i = 0; i < audio.length; i += 320) {
      if (spotter.accept(audio, i, Math.min(320, audio.length - i)) != null) {
        found++;
      }
    }
    return found;
  }

  @Test
  void thePhraseIsFoundInEveryVoiceAndPhrasing() throws Exception {
    String[] sayings = {"Hey computer.", "Hey computer, what time is it?", "Hey computer, turn on the lights."};
    int said = 0;
    int found = 0;
    List<String> missed = new ArrayList<>();
    for (String voice : VOICES) {
      for (String saying : sayings) {
        int n = detections(TestAudio.concat(TestAudio.silence(400), FliteSpeech.say(voice, saying), TestAudio.silence(600)));
        said++;
        found += Math.min(n, 1);
        if (n != 1) {
          missed.add(voice + ": " + saying + " (" + n + ")");
        }
      }
    }
    System.out.println("wake word: detected " + found + " of " + said + " sayings; not exactly once: " + missed);
    assertThat(missed).isEmpty();
  }

  @Test
  void minutesOfOtherSpeechWakeNothing() throws Exception {
    List<short[]> speech = new ArrayList<>();
    try (Stream<Path> files = Files.list(TestAudio.LIBRIVOX)) {
      for (Path wav : files.filter(p -> p.toString().endsWith(".wav")).sorted().toList()) {
        speech.add(TestAudio.read(wav));
      }
    }
    speech.add(TestAudio.read(TestAudio.GO_FORWARD));
    speech.add(TestAudio.read(TestAudio.SOMETHING));
    speech.add(TestAudio.read(TestAudio.DATA.resolve("numbers.raw")));
    for (int v = 0; v < VOICES.length; v++) {
      for (int p = 0; p < PROSE.length; p++) {
        speech.add(FliteSpeech.say(VOICES[v], PROSE[(p + v) % PROSE.length]));
      }
    }
    long ms = 0;
    int falseWakes = 0;
    for (short[] piece : speech) {
      ms += piece.length / 16;
      falseWakes += detections(TestAudio.concat(TestAudio.silence(300), piece, TestAudio.silence(300)));
    }
    System.out.printf("wake word: %d false wakes in %.1f minutes of speech without the phrase"
        + " (%d keyphrase hits turned down for want of a pause before them)%n", falseWakes, ms / 60000.0, spotter.rejected());
    assertThat(ms).as("several minutes of speech").isGreaterThan(180_000);
    assertThat(falseWakes).isZero();
  }

  /** The pause check at work: a known weakness measured, not hidden. */
  @Test
  void nearMissesAreMostlyTurnedDownByThePauseCheck() throws Exception {
    int before = spotter.rejected();
    int wakes = 0;
    for (String voice : VOICES) {
      wakes += detections(TestAudio.concat(TestAudio.silence(300), FliteSpeech.say(voice, NEAR_MISSES), TestAudio.silence(300)));
    }
    int turnedDown = spotter.rejected() - before;
    System.out.println("wake word: near misses in " + VOICES.length + " voices: " + wakes + " wakes, "
        + turnedDown + " keyphrase hits turned down by the pause check");
    assertThat(turnedDown).as("the keyphrase search alone fires on these").isGreaterThanOrEqualTo(3);
    assertThat(wakes).isLessThanOrEqualTo(1);
  }

}
