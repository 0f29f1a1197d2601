package voice.stt.echo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The band the gate judges in: a voice's frequencies pass, a fricative's are taken out. */
class VoiceBandTest {
  /** The gain in dB of a one-second sine at {@code hz}, after the filter has settled. */
  private static double gainDb(double hz) {
    short[] sine = new short[16_000];
    for (int i = 0; i < sine.length; i++) {
      sine[i] = (short) Math.round(10_000 * Math.sin(2 * Math.PI * hz * i / 16_000));
    }
    double[] out = new double[sine.length];
    VoiceBand band = new VoiceBand();
    // In 320-sample frames, as the gate calls it: the state carries across them.
    for (int at = 0; at < sine.length; at += 320) {
      double[] frame = new double[320];
      band.filter(java.util.Arrays.copyOfRange(sine, at, at + 320), frame, 320);
      System.arraycopy(frame, 0, out, at, 320);
    }
    double in = 0;
    double passed = 0;
    for (int i = 1600; i < sine.length; i++) {
      in += (double) sine[i] * sine[i];
      passed += out[i] * out[i];
    }
    return 10 * Math.log10(passed / in);
  }

  @ParameterizedTest(name = "{0} Hz")
  @CsvSource({"200", "1000", "2500"})
  void aVoicesFrequenciesPass(double hz) {
    assertThat(gainDb(hz)).isBetween(-1.0, 0.5);
  }

  @ParameterizedTest(name = "{0} Hz")
  @CsvSource({"5500, -15", "7000, -25"})
  void aFricativesAreTakenOut(double hz, double atMostDb) {
    assertThat(gainDb(hz)).isLessThan(atMostDb);
  }
}
