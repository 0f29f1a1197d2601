package voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import voice.core.audio.Resampler;

class ResamplerTest {
  private static final int OUT = 16_000;

  @ParameterizedTest
  @ValueSource(ints = {44_100, 48_000, 22_050, 8_000, 32_000})
  void keepsFrequencyAndAmplitudeOfA1kHzSine(int rate) {
    short[] out = Signals.sine(rate, 1, 1000, 10_000, 1.0).toMono16k();

    assertThat(out.length).isEqualTo(OUT);
    // Measure away from the edges, over a whole number of periods (16 samples each).
    double at1k = Signals.amplitudeAt(out, 1600, 14_400, OUT, 1000);
    assertThat(at1k).isCloseTo(10_000, within(100.0));
    double rms = Signals.rms(out, 1600, 14_400);
    assertThat(rms).isCloseTo(10_000 / Math.sqrt(2), within(80.0));
    assertThat(Signals.amplitudeAt(out, 1600, 14_400, OUT, 1100)).isLessThan(10);
  }

  @Test
  void attenuatesA10kHzToneAt48kHzByMoreThan40dB() {
    short[] out = Signals.sine(48_000, 1, 10_000, 20_000, 1.0).toMono16k();

    double inRms = 20_000 / Math.sqrt(2);
    double outRms = Signals.rms(out, 800, 15_200);
    assertThat(20 * Math.log10(outRms / inRms)).isLessThan(-40);
    // Without a low-pass it would fold back to 6 kHz.
    assertThat(Signals.amplitudeAt(out, 800, 15_200, OUT, 6000)).isLessThan(200);
  }

  @Test
  void attenuatesA9kHzToneAt44100ByMoreThan40dB() {
    short[] out = Signals.sine(44_100, 1, 9_000, 20_000, 1.0).toMono16k();

    assertThat(20 * Math.log10(Signals.rms(out, 800, 15_200) / (20_000 / Math.sqrt(2)))).isLessThan(-40);
  }

  @Test
  void downmixesStereoByAveraging() {
    short[] stereo = {100, 300, -200, -400, 7, 8};
    assertThat(Resampler.downmix(stereo, 2)).containsExactly(200, -300, 8);
  }

  @Test
  void sixteenKilohertzMonoPassesUnchanged() {
    PcmAudio audio = Signals.sine(16_000, 1, 440, 5000, 0.1);
    assertThat(audio.toMono16k()).isEqualTo(audio.interleavedSamples());
  }

  @Test
  void streamingInPiecesGivesTheSameSamplesAsOneCall() {
    PcmAudio audio = Signals.sine(44_100, 1, 523, 8000, 0.5);
    short[] whole = audio.toMono16k();

    Resampler streaming = new Resampler(44_100, OUT);
    short[] in = audio.interleavedSamples();
    Random random = new Random(7);
    short[] joined = new short[0];
    for (int off = 0; off < in.length; ) {
      int n = Math.min(in.length - off, 1 + random.nextInt(900));
      joined = concat(joined, streaming.process(in, off, n));
      off += n;
    }
    joined = concat(joined, streaming.finish());

    assertThat(joined).isEqualTo(whole);
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
