package voice.stt.wake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When speech counts as addressed, on a clock the test moves by hand. */
class WakeStateTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final WakeState state = new WakeState(6000, now::get);

  @Test
  void asleepUntilTheWakeWordThenAwakeLongEnoughToAskTheQuestion() {
    assertThat(state.awake()).isFalse();
    state.wakeWordHeard();
    now.addAndGet(WakeWordSettings.QUESTION_WAIT_MS - 1);
    assertThat(state.awake()).isTrue();
    now.addAndGet(1);
    assertThat(state.awake()).isFalse();
  }

  @Test
  void awakeWhileAnsweringAndForTheFollowUpWindowAfter() {
    state.answerStarted("t1");
    now.addAndGet(60_000);
    assertThat(state.awake()).as("an answer may take long").isTrue();
    state.answerEnded("t1");
    now.addAndGet(5999);
    assertThat(state.awake()).isTrue();
    now.addAndGet(1);
    assertThat(state.awake()).isFalse();
  }

  @Test
  void theWindowFollowsTheLastAnswerToEnd() {
    state.answerStarted("t1");
    state.answerStarted("t2");
    state.answerEnded("t1");
    now.addAndGet(10_000);
    assertThat(state.awake()).as("t2 still answering").isTrue();
    state.answerEnded("t2");
    state.answerEnded("t2"); // a repeated end changes nothing
    now.addAndGet(6000);
    assertThat(state.awake()).isFalse();
  }

  @Test
  void noFollowUpWindowWhenItIsZero() {
    WakeState strict = new WakeState(0, now::get);
    strict.answerStarted("t1");
    strict.answerEnded("t1");
    assertThat(strict.awake()).isFalse();
  }
}
