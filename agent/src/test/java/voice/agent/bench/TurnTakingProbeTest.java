package voice.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.agent.pipeline.SharedVoice;
import voice.core.turn.EndOfTurn;
import voice.core.turn.TurnOptions;
import voice.stt.SttOptions;

/**
 * The short turn-taking replay CI runs (the full one is {@code bench --turn-taking}): recordings
 * in MaryTTS's voice with silences laid in, heard by real PocketSphinx, answered by a local
 * paced model through the whole pipeline, played on a real-time paced sink. One replay, made
 * once for the class; no timing is asserted, only what was answered when, and what resumed.
 */
class TurnTakingProbeTest {
  private static Vertx serverVertx;
  private static TurnTakingFigures figures;

  @BeforeAll
  static void replay() throws Exception {
    serverVertx = Vertx.vertx();
    figures = TurnTakingProbe.run(serverVertx, SharedVoice.start(), 1, false, TurnOptions.defaults(),
        SttOptions.DEFAULT.withTurn(EndOfTurn.Settings.DEFAULT), line -> { }, null);
  }

  @AfterAll
  static void stop() {
    serverVertx.close().await();
  }

  @Test
  void utterancesWithPausesInsideAreNeverAnsweredBeforeTheirEnd() {
    assertThat(figures.premature).as("answers committed before the utterance's end").isEmpty();
    assertThat(figures.pausedAnswered()).as("each answered after its end").isEqualTo(TurnTakingProbe.PAUSED.size());
  }

  @Test
  void plainQuestionsAreAnswered() {
    assertThat(figures.unanswered()).isEmpty();
    assertThat(figures.plainAnswered()).isEqualTo(1);
    assertThat(figures.plainVoiceToVoiceMs).allSatisfy(ms -> assertThat(ms).as("audio after the question's end").isPositive());
  }

  @Test
  void aBackchannelOverTheAnswerLeadsToAResumeNotANewRequest() {
    assertThat(figures.backchannels()).isEqualTo(1);
    assertThat(figures.backchannelsAnsweredAsRequests()).isZero();
    assertThat(figures.backchannelsStoppedVoice()).as("\"okay\" is long enough to stop the voice").isEqualTo(1);
    assertThat(figures.resumed()).as("the answer went on").isEqualTo(1);
  }

  @Test
  void speculativeRequestsStartAtPausesAndSomeAreKept() {
    assertThat(figures.speculativeStarted).isGreaterThanOrEqualTo(figures.speculativeCommitted);
    assertThat(figures.speculativeCommitted).as("a plain question's pause request is the one kept").isPositive();
  }
}
