package voice.stt.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The device's pieces on the microphone's clock: where each sounds, through silences and flushes. */
class DeviceReferenceTest {
  private static final int RATE = 16_000;

  private static short[] ramp(int n, int from) {
    short[] pcm = new short[n];
    for (int i = 0; i < n; i++) {
      pcm[i] = (short) (from + i);
    }
    return pcm;
  }

  private static short[] play(DeviceReference reference, int n) {
    short[] out = new short[n];
    reference.play(out, 0, n);
    return out;
  }

  @Test
  void piecesSoundWhenTheDeviceSaysAndFollowEachOtherExactly() {
    DeviceReference reference = new DeviceReference();
    reference.captureStartedAt(1_000_000);
    // 20 ms pieces from 100 ms after capture start; the second's time is a microsecond off, as
    // rounding makes it: it still follows the first sample for sample.
    reference.place("t", RATE, 0, 1_100_000, ramp(320, 1));
    reference.place("t", RATE, 320, 1_120_001, ramp(320, 321));
    short[] heard = play(reference, 1600 + 640);
    assertThat(Arrays.copyOfRange(heard, 0, 1600)).containsOnly((short) 0);
    assertThat(Arrays.copyOfRange(heard, 1600, 2240)).isEqualTo(ramp(640, 1));
  }

  @Test
  void afterTheDeviceRanDryThePieceSoundsAtItsOwnTime() {
    DeviceReference reference = new DeviceReference();
    reference.captureStartedAt(0);
    reference.place("t", RATE, 0, 0, ramp(320, 1));
    reference.place("t", RATE, 320, 50_000, ramp(320, 1000)); // 30 ms of silence in between
    short[] heard = play(reference, 1120);
    assertThat(Arrays.copyOfRange(heard, 320, 800)).containsOnly((short) 0);
    assertThat(Arrays.copyOfRange(heard, 800, 1120)).isEqualTo(ramp(320, 1000));
  }

  @Test
  void aFlushSilencesWhatWasNotYetPlayed() {
    DeviceReference reference = new DeviceReference();
    reference.captureStartedAt(0);
    reference.place("t", RATE, 0, 0, ramp(1600, 1)); // 100 ms queued
    assertThat(play(reference, 320)).isEqualTo(ramp(320, 1));
    reference.cutAt(40_000); // flushed 40 ms in
    short[] heard = play(reference, 1280);
    assertThat(Arrays.copyOfRange(heard, 0, 320)).isEqualTo(ramp(320, 321));
    assertThat(Arrays.copyOfRange(heard, 320, 1280)).containsOnly((short) 0);
    assertThat(reference.queuedSamples()).isZero();
  }
}
