package voice.stt.wake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WakeWordSettingsTest {
  @Test
  void thePhraseIsNormalizedToTheDictionarysSpelling() {
    assertThat(new WakeWordSettings("  Hey   Computer ", 1e-20, 6000).phrase()).isEqualTo("hey computer");
  }

  @Test
  void aThresholdOutOfRangeIsOneLineSayingTheRange() {
    for (double bad : new double[] {0, -1, 2, 1e-60, Double.NaN}) {
      assertThatThrownBy(() -> new WakeWordSettings("hey computer", bad, 6000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("out of range").hasMessageContaining("1.0E-50").hasMessageNotContaining("\n");
    }
    assertThat(new WakeWordSettings("hey computer", 1, 0).threshold()).isEqualTo(1);
    assertThat(new WakeWordSettings("hey computer", 1e-50, 0).threshold()).isEqualTo(1e-50);
  }

  @Test
  void anEmptyPhraseOrNegativeWindowIsRefused() {
    assertThatThrownBy(() -> new WakeWordSettings(" ", 1e-20, 0)).hasMessageContaining("empty");
    assertThatThrownBy(() -> new WakeWordSettings("hey computer", 1e-20, -1)).hasMessageContaining("negative");
  }
}
