package voice.stt.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import voice.stt.TestAudio;

/**
 * The gate behind speexdsp's canceller, against a simulated loudspeaker playing real speech
 * (librivox, then numbers.raw), delayed, attenuated, with a reflection and pink noise. The
 * canceller must not let the echo through as speech, and must let a user about as loud as the
 * echo through, which the gate alone holds back.
 */
class CancellingEchoGateTest {
  private static short[] assistant;
  private static short[] user;
  private static long userOnsetMs;
  private static int secondTimeMs;

  @BeforeAll
  static void readRecordings() throws Exception {
    short[] reading = TestAudio.read(TestAudio.LIBRIVOX.resolve("sense_and_sensibility_01_austen_64kb-0870.wav"));
    short[] numbers = TestAudio.read(TestAudio.DATA.resolve("numbers.raw"));
    short[] once = TestAudio.concat(reading, numbers, TestAudio.read(TestAudio.SOMETHING));
    // Twice over: the canceller is trusted only after 20 s of loudspeaker, so the users speak
    // over the second time, at the same places in it.
    assistant = TestAudio.concat(once, once);
    secondTimeMs = once.length / 16;
    user = TestAudio.read(TestAudio.GO_FORWARD);
    userOnsetMs = SimulatedEcho.speechStarts(null, TestAudio.concat(TestAudio.silence(1000), user)).get(0) - 1000;
  }

  private static short[] room(int delayMs, double gainDb, int lengthMs) {
    short[] echo = SimulatedEcho.overlay(SimulatedEcho.echo(assistant, delayMs, gainDb, lengthMs),
        SimulatedEcho.echo(assistant, delayMs + 35, gainDb - 8, lengthMs), 0, 0); // a wall's reflection
    return TestAudio.mix(echo, SimulatedEcho.pinkNoise(lengthMs, 60, 7));
  }

  private static EchoGate gateHearing(boolean cancelling) {
    EchoGate gate = new EchoGate(cancelling ? SpeexEchoCanceller.open(AecMode.SPEEX, 320, 16_000) : null);
    for (int at = 0; at < assistant.length; at += 8000) { // sent to the speaker in 500 ms chunks, ahead of time
      gate.addReference("t1", 16_000, Arrays.copyOfRange(assistant, at, Math.min(assistant.length, at + 8000)));
    }
    return gate;
  }

  @ParameterizedTest(name = "delay {0} ms, {1} dB")
  @CsvSource({"30,-6", "90,-10", "200,-12", "150,-6", "60,-20"})
  void theAssistantsOwnVoiceIsNeverSpeech(int delayMs, double gainDb) {
    short[] mic = room(delayMs, gainDb, assistant.length / 16 + 1000);
    try (EchoGate gate = gateHearing(true)) {
      assertThat(SimulatedEcho.speechStarts(gate, mic)).as("echo through the canceller and the gate").isEmpty();
    }
  }

  // The gate alone finds most of these users 800-1460 ms late (see the output).
  @ParameterizedTest(name = "echo {0} ms {1} dB, user {3} dB at {2} ms")
  @CsvSource({"90,-10,5000,0", "150,-6,12000,0", "90,-10,9000,-6", "150,-6,12000,-6",
      "90,-10,5000,-10", "150,-6,12000,-10", "90,-4,5000,-6", "60,-10,11000,-10"})
  void aUserQuieterThanTheEchoIsHeardAtOnce(int delayMs, double echoDb, int userAtFirstTime, double userDb) {
    int userAt = secondTimeMs + userAtFirstTime;
    short[] mic = SimulatedEcho.overlay(room(delayMs, echoDb, assistant.length / 16 + 1000), user, userAt, userDb);
    long alone = lateness(false, mic, userAt);
    long cancelled = lateness(true, mic, userAt);
    System.out.printf("echo %d ms %.0f dB, user %.0f dB at %d ms: speech start %d ms after onset with the canceller, %d with the gate alone%n",
        delayMs, echoDb, userDb, userAt, cancelled, alone);
    assertThat(cancelled).as("found within 100 ms of the onset").isBetween(-100L, 100L);
    assertThat(cancelled).as("never later than the gate alone, but for one 20 ms frame").isLessThanOrEqualTo(alone + 20);
  }

  /** Where the user's speech was found, after their onset; Long.MAX_VALUE if it was not. */
  private static long lateness(boolean cancelling, short[] mic, int userAt) {
    try (EchoGate gate = gateHearing(cancelling)) {
      List<Long> starts = SimulatedEcho.speechStarts(gate, mic.clone());
      return starts.size() == 1 ? starts.get(0) - (userAt + userOnsetMs) : Long.MAX_VALUE;
    }
  }
}
