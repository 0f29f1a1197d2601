package voice.core.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndOfTurnTest {
  private final EndOfTurn rules = new EndOfTurn(EndOfTurn.Settings.DEFAULT);

  @ParameterizedTest
  @ValueSource(strings = {"what is the capital of france", "Is it going to rain tomorrow?",
      "tell me a joke", "set a timer for ten minutes", "how are you", "thank you",
      "but is the capital of france", "go forward ten meters now"})
  void questionsAndCommandsAreComplete(String text) {
    assertThat(EndOfTurn.judge(text)).isEqualTo(EndOfTurn.Verdict.COMPLETE);
    assertThat(rules.endAfterMs(text)).isEqualTo(300);
    assertThat(rules.speculateAfterMs(text)).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"set a timer for", "my number is five five five", "i want to", "what is the",
      "and so", "we went there and", "um", "i was thinking uh", "the capital of"})
  void trailingWordsAndDictatedNumbersAreIncomplete(String text) {
    assertThat(EndOfTurn.judge(text)).isEqualTo(EndOfTurn.Verdict.INCOMPLETE);
    assertThat(rules.endAfterMs(text)).isEqualTo(1500);
    // Speculating on "set a timer for" is nearly always wasted: it waits for the unsure pause.
    assertThat(rules.speculateAfterMs(text)).isEqualTo(700);
  }

  @ParameterizedTest
  @ValueSource(strings = {"paris is nice", "the weather", "berlin", ""})
  void otherWordsWaitTheUsualPause(String text) {
    assertThat(EndOfTurn.judge(text)).isEqualTo(EndOfTurn.Verdict.UNSURE);
    assertThat(rules.endAfterMs(text)).isEqualTo(700);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mhm", "yeah", "okay", "uh-huh", "right", "uh huh", "yeah okay", "I see", "got it"})
  void backchannelsHoldNoRequestAndEndAtTheSpeculativePause(String text) {
    assertThat(EndOfTurn.isBackchannel(text)).isTrue();
    assertThat(EndOfTurn.judge(text)).isEqualTo(EndOfTurn.Verdict.COMPLETE);
    assertThat(rules.endAfterMs(text)).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"stop", "yeah tell me about berlin", "okay what about germany", "", "no"})
  void requestsAreNotBackchannels(String text) {
    assertThat(EndOfTurn.isBackchannel(text)).isFalse();
  }

  @Test
  void aLongerUsualPauseMovesTheOthersAlong() {
    EndOfTurn.Settings settings = EndOfTurn.Settings.DEFAULT.withUnsureMs(2000);
    assertThat(settings.incompleteMs()).isEqualTo(2000);
    assertThat(EndOfTurn.Settings.DEFAULT.withUnsureMs(250).completeMs()).isEqualTo(250);
  }

  @Test
  void pausesOutOfRangeAreRefused() {
    assertThatThrownBy(() -> new EndOfTurn.Settings(10, 300, 700, 1500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EndOfTurn.Settings(200, 800, 700, 1500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EndOfTurn.Settings(200, 300, 700, 9000)).isInstanceOf(IllegalArgumentException.class);
  }
}
