package voice.stt.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointerTest {
  /** Runs 20 ms frames described by a pattern ('#' voiced, '.' silent) and lists the changes. */
  private static List<String> run(Endpointer endpointer, String pattern) {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < pattern.length(); i++) {
      Endpointer.Change change = endpointer.onFrame(pattern.charAt(i) == '#', i * 20L, i * 20L + 20);
      switch (change) {
        case SPEECH_START -> changes.add("start@" + endpointer.speechStartMs());
        case SPEECH_END -> changes.add("end@" + endpointer.speechEndMs());
        case DISCARDED -> changes.add("discarded");
        default -> { }
      }
    }
    return changes;
  }

  @Test
  void speechStartsAtItsFirstVoicedFrameAndEndsAfterTheTrailingSilence() {
    Endpointer endpointer = new Endpointer(200, 100);
    String pattern = "....." + "#".repeat(20) + "..." + "#".repeat(10) + ".".repeat(12);
    // Speech confirmed after 5 voiced frames (100 ms), dated to its first frame; the 60 ms
    // pause does not end it; 200 ms of silence after the last voiced frame does.
    assertThat(run(endpointer, pattern)).containsExactly("start@100", "end@760");
  }

  @Test
  void shortNoisesAreDiscarded() {
    Endpointer endpointer = new Endpointer(700, 120);
    assertThat(run(endpointer, "...##.............###.............")).containsExactly("discarded", "discarded");
    assertThat(endpointer.inSpeech()).isFalse();
  }

  @Test
  void flushEndsSpeechInProgress() {
    Endpointer endpointer = new Endpointer(700, 40);
    assertThat(run(endpointer, "..####")).containsExactly("start@40");
    assertThat(endpointer.flush()).isEqualTo(Endpointer.Change.SPEECH_END);
    assertThat(endpointer.speechEndMs()).isEqualTo(120);
    assertThat(endpointer.flush()).isEqualTo(Endpointer.Change.NONE);
  }

  @Test
  void resetForgetsTheUtterance() {
    Endpointer endpointer = new Endpointer(100, 20);
    run(endpointer, "###");
    endpointer.reset();
    assertThat(run(endpointer, "........")).isEmpty();
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new Endpointer(0, 10)).isInstanceOf(IllegalArgumentException.class);
  }
}
