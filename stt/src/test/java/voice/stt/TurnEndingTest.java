package voice.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.message.Transcript;
import voice.core.turn.EndOfTurn;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;

/**
 * The end of a turn decided from the words and the pause, on flite recordings with silences
 * laid in, heard by real PocketSphinx. Positions are the input's, so nothing here depends on
 * how fast the machine is.
 */
class TurnEndingTest {
  private static final SttOptions RULES = SttOptions.DEFAULT.withTurn(EndOfTurn.Settings.DEFAULT);
  /** Of flite's voices, the one PocketSphinx hears "set a timer for" from (slt gives "set a dinosaur"). */
  private static final String VOICE = "kal16";
  private static PocketSphinxRecognizer recognizer;

  @BeforeAll
  static void start() {
    recognizer = PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
  }

  @AfterAll
  static void stop() {
    recognizer.close();
  }

  /** What the transcriber reported, each line with the input position at which it was reported. */
  private static final class Heard implements StreamingTranscriber.Listener {
    StreamingTranscriber transcriber;
    final List<String> lines = new ArrayList<>();
    final List<Transcript> finals = new ArrayList<>();
    final List<long[]> ends = new ArrayList<>(); // {speech end, position when decided}

    @Override
    public void speechStarted(String utterance, long atMs) {
      lines.add("start");
    }

    @Override
    public void partial(Transcript transcript) {}

    @Override
    public void speechEnded(String utterance, long atMs) {
      lines.add("end");
      ends.add(new long[] {atMs, transcriber.positionMs()});
    }

    @Override
    public void finalResult(Transcript transcript) {
      finals.add(transcript);
    }

    @Override
    public void paused(String utterance, String text, long atMs) {
      lines.add("paused");
    }

    @Override
    public void resumed(String utterance, long atMs) {
      lines.add("resumed");
    }
  }

  private static Heard hear(SttOptions options, short[] samples) {
    Heard heard = new Heard();
    heard.transcriber = new StreamingTranscriber(recognizer, options, heard);
    for (int i = 0; i < samples.length; i += 320) {
      heard.transcriber.accept(samples, i, Math.min(320, samples.length - i));
    }
    heard.transcriber.finish();
    return heard;
  }

  private static short[] spoken(Object... parts) throws Exception {
    List<short[]> pieces = new ArrayList<>();
    pieces.add(TestAudio.silence(300));
    for (Object part : parts) {
      pieces.add(part instanceof Integer ms ? TestAudio.silence(ms) : FliteSpeech.say(VOICE, (String) part));
    }
    pieces.add(TestAudio.silence(2000));
    return TestAudio.concat(pieces.toArray(short[][]::new));
  }

  @Test
  void pausesInsideAnUnfinishedSentenceDoNotEndTheTurn() throws Exception {
    for (short[] recording : List.of(
        spoken("Set a timer for", 900, "ten minutes."),
        spoken("My number is five five five", 800, "one two three four."),
        spoken("I want to", 700, "go to the store."))) {
      Heard heard = hear(RULES, recording);
      assertThat(heard.lines).as("one utterance across the pause").containsOnlyOnce("start", "end");
      assertThat(heard.finals).hasSize(1);
    }
  }

  @Test
  void aLongPauseAnnouncesItselfAndTheWordsAfterItJoinTheUtterance() throws Exception {
    Heard heard = hear(RULES, spoken("Set a timer for", 900, "ten minutes."));
    // The second pause is the end's: a complete request announces itself before it ends.
    assertThat(heard.lines).containsExactly("start", "paused", "resumed", "paused", "end");
    assertThat(heard.finals.get(0).text()).contains("timer").contains("minutes");
  }

  @Test
  void aCompleteQuestionEndsSoonerThanTheFixedSilence() throws Exception {
    short[] recording = spoken("What is the capital of France?");
    Heard withRules = hear(RULES, recording);
    Heard fixed = hear(SttOptions.DEFAULT, recording);
    assertThat(withRules.lines).containsExactly("start", "paused", "end");
    long ruled = withRules.ends.get(0)[1] - withRules.ends.get(0)[0];
    long classic = fixed.ends.get(0)[1] - fixed.ends.get(0)[0];
    assertThat(ruled).as("pause before the end with the rules").isLessThanOrEqualTo(320);
    assertThat(classic).as("the fixed silence").isGreaterThanOrEqualTo(700);
    assertThat(withRules.finals.get(0).text()).isEqualTo(fixed.finals.get(0).text());
  }

  @Test
  void silenceAloneIsNoTurn() {
    Heard heard = hear(RULES, TestAudio.silence(3000));
    assertThat(heard.lines).isEmpty();
    assertThat(heard.finals).isEmpty();
  }

  @Test
  void speechThatNeverPausesEndsAfterSixtySeconds() throws Exception {
    assertThat(SttOptions.DEFAULT.maxSpeechMs()).isEqualTo(60_000);
    short[] talk = withoutPauses(FliteSpeech.say(VOICE,
        "and then we walked along the river to the old mill where the water turns the wheel all day long"));
    List<short[]> pieces = new ArrayList<>(List.of(TestAudio.silence(500)));
    for (int ms = 0; ms < 61_000; ms += talk.length / 16) {
      pieces.add(talk);
    }
    Heard heard = hear(RULES, TestAudio.concat(pieces.toArray(short[][]::new)));
    assertThat(heard.ends).as("the cap ended the first utterance while the noise went on").isNotEmpty();
    long[] first = heard.ends.get(0);
    assertThat(first[1]).as("decided 60 s after the speech began").isBetween(60_300L, 60_700L);
    assertThat(heard.finals).isNotEmpty();
  }

  /** Speech with every quiet stretch longer than 60 ms cut out: a talker who never stops. */
  private static short[] withoutPauses(short[] speech) {
    short[] out = new short[speech.length];
    int n = 0;
    int quietMs = 0;
    for (int at = 0; at + 160 <= speech.length; at += 160) {
      double sum = 0;
      for (int i = at; i < at + 160; i++) {
        sum += speech[i] * (double) speech[i];
      }
      quietMs = Math.sqrt(sum / 160) < 300 ? quietMs + 10 : 0;
      if (quietMs <= 60) {
        System.arraycopy(speech, at, out, n, 160);
        n += 160;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
