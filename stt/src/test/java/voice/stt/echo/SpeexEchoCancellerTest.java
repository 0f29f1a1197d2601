package voice.stt.echo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import voice.stt.TestAudio;

/** speexdsp's canceller through the binding: a delayed, attenuated loudspeaker is taken out of the microphone. */
class SpeexEchoCancellerTest {
  private static final int FRAME = 320;

  @Test
  void takesADelayedEchoOutOfTheMicrophone() throws Exception {
    short[] numbers = TestAudio.read(TestAudio.DATA.resolve("numbers.raw"));
    short[] goForward = TestAudio.read(TestAudio.GO_FORWARD);
    short[] speech = TestAudio.concat(numbers, goForward, TestAudio.read(TestAudio.SOMETHING), numbers, goForward);
    short[] mic = SimulatedEcho.overlay(SimulatedEcho.echo(speech, 90, -10, speech.length / 16),
        SimulatedEcho.pinkNoise(speech.length / 16, 40, 7), 0, 0);
    short[] before = mic.clone();
    try (SpeexEchoCanceller canceller = SpeexEchoCanceller.open(AecMode.SPEEX, FRAME, 16_000)) {
      short[] played = new short[FRAME];
      for (int at = 0; at + FRAME <= mic.length; at += FRAME) {
        System.arraycopy(speech, at, played, 0, FRAME);
        canceller.cancel(mic, at, played);
      }
      System.out.printf("canceller: %.2f %% of a core%n", 100 * canceller.coreShare());
      assertThat(canceller.coreShare()).as("its thread CPU time is measured").isPositive();
    }
    int from = 16_000 * 8; // after eight seconds to converge
    double reduction = energyDb(before, from) - energyDb(mic, from);
    System.out.printf("echo reduced by %.1f dB%n", reduction);
    assertThat(reduction).as("the echo is about 18 dB over the room's noise").isGreaterThan(15);
  }

  private static double energyDb(short[] pcm, int from) {
    double sum = 0;
    for (int i = from; i < pcm.length; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return 10 * Math.log10(sum / (pcm.length - from));
  }
}
