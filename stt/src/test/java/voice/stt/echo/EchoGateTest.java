package voice.stt.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import voice.stt.TestAudio;

/**
 * The gate against a simulated loudspeaker: the reference is real recorded speech (librivox),
 * the microphone hears it delayed and attenuated with white or pink noise; the "user" is a
 * different speaker (goforward.raw).
 */
class EchoGateTest {
  private static short[] assistant;
  private static short[] user;
  private static long userOnsetMs;

  @BeforeAll
  static void readRecordings() throws Exception {
    try (Stream<Path> files = Files.list(TestAudio.LIBRIVOX)) {
      List<Path> wavs = files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
      short[][] pieces = new short[wavs.size()][];
      for (int i = 0; i < pieces.length; i++) {
        pieces[i] = TestAudio.read(wavs.get(i));
      }
      assistant = TestAudio.concat(pieces);
    }
    user = TestAudio.read(TestAudio.GO_FORWARD);
    List<Long> alone = SimulatedEcho.speechStarts(null, TestAudio.concat(TestAudio.silence(1000), user));
    assertThat(alone).hasSize(1);
    userOnsetMs = alone.get(0) - 1000;
  }

  private static short[] room(int delayMs, double gainDb, String noise, int lengthMs) {
    short[] echo = SimulatedEcho.echo(assistant, delayMs, gainDb, lengthMs);
    short[] hiss = noise.equals("pink") ? SimulatedEcho.pinkNoise(lengthMs, 60, 7) : TestAudio.noise(lengthMs, 60, 7);
    return TestAudio.mix(echo, hiss);
  }

  private static EchoGate gateHearing(short[] reference) {
    EchoGate gate = new EchoGate();
    for (int at = 0; at < reference.length; at += 8000) { // sent to the speaker in 500 ms chunks, ahead of time
      gate.addReference("t1", 16_000, java.util.Arrays.copyOfRange(reference, at, Math.min(reference.length, at + 8000)));
    }
    return gate;
  }

  @ParameterizedTest(name = "delay {0} ms, {1} dB, {2} noise")
  @CsvSource({"30,-6,white", "90,-12,pink", "200,-20,white", "150,-6,pink", "60,-20,pink", "200,-12,white"})
  void theAssistantsOwnVoiceIsNeverSpeech(int delayMs, double gainDb, String noise) {
    int length = assistant.length / 16 + 1000;
    short[] mic = room(delayMs, gainDb, noise, length);
    assertThat(SimulatedEcho.speechStarts(null, mic)).as("without the gate the echo is speech").isNotEmpty();

    EchoGate gate = gateHearing(assistant);
    assertThat(SimulatedEcho.speechStarts(gate, mic)).as("echo through the gate").isEmpty();
    assertThat(gate.delayMs()).as("delay found").isBetween(delayMs - 12, delayMs + 12);
    assertThat(gate.couplingDb()).isBetween(gainDb - 6, gainDb + 3);
  }

  @ParameterizedTest(name = "delay {0} ms, {1} dB, user {2} dB at {3} ms")
  @CsvSource({"30,-6,0,12000", "90,-12,0,12000", "200,-20,-6,12000", "120,-6,6,12000",
      "90,-12,0,1000", "90,-12,0,2000", "90,-12,0,3000", "60,-6,0,15000"})
  void aUserTalkingOverTheAssistantStillIsSpeech(int delayMs, double gainDb, double userDb, int userAt) {
    int length = assistant.length / 16 + 1000;
    short[] mic = SimulatedEcho.overlay(room(delayMs, gainDb, "pink", length), user, userAt, userDb);

    List<Long> starts = SimulatedEcho.speechStarts(gateHearing(assistant), mic);
    assertThat(starts).as("the user's speech is found").hasSize(1);
    long lateMs = starts.get(0) - (userAt + userOnsetMs);
    System.out.printf("echo %d ms %.0f dB, user %.0f dB at %d ms: speech start %d ms after the user's onset%n",
        delayMs, gainDb, userDb, userAt, lateMs);
    assertThat(lateMs).isBetween(-100L, 400L);
  }

  @Test
  void withoutPlaybackNothingChanges() {
    short[] mic = TestAudio.mix(TestAudio.concat(TestAudio.silence(1000), user), TestAudio.noise(3786, 60, 3));
    short[] copy = mic.clone();
    EchoGate gate = new EchoGate();
    gate.process(copy, 0, copy.length);
    assertThat(copy).isEqualTo(mic);
    assertThat(gate.suppressedMs()).isZero();
  }

  @Test
  void aStoppedTurnIsNoLongerExpected() {
    EchoGate gate = gateHearing(assistant);
    gate.process(new short[16_000], 0, 16_000);
    assertThat(gate.queuedReferenceMs()).isEqualTo(assistant.length / 16 - 1000);
    gate.stopTurn("t1");
    assertThat(gate.queuedReferenceMs()).isZero();
    gate.addReference("t1", 16_000, assistant);
    assertThat(gate.queuedReferenceMs()).as("later audio of a stopped turn is ignored").isZero();
    // Half a second later the loudspeaker is silent: the user passes untouched.
    gate.process(new short[8000], 0, 8000);
    short[] speech = TestAudio.slice(user, 0, 2000);
    short[] copy = speech.clone();
    gate.process(copy, 0, copy.length);
    assertThat(copy).isEqualTo(speech);
  }

  @Test
  void aRoomWithoutEchoSoonLetsTheUserThrough() {
    // A headset: the microphone never hears the answer, only the user, 3 s into it.
    int length = assistant.length / 16;
    short[] mic = SimulatedEcho.overlay(TestAudio.noise(length, 60, 11), user, 3000, 0);
    List<Long> starts = SimulatedEcho.speechStarts(gateHearing(assistant), mic);
    assertThat(starts).hasSize(1);
    assertThat(starts.get(0) - (3000 + userOnsetMs)).isBetween(-100L, 100L);
  }

  @ParameterizedTest(name = "delay {0} ms, then {1} ms")
  @CsvSource({"90,190", "90,150", "30,200"})
  void aDeviceFallingBehindTheEmulatedPlaybackIsStillEcho(int beforeMs, int afterMs) {
    // Midway the device plays the rest of the answer later than the gate's emulation of it (it
    // still had audio buffered when the emulation ran dry): the delay jumps, mid-sentence.
    int length = assistant.length / 16 + 1000;
    int splitMs = 6000;
    short[] first = TestAudio.slice(assistant, 0, splitMs);
    short[] rest = TestAudio.slice(assistant, splitMs, assistant.length / 16);
    short[] echo = SimulatedEcho.overlay(SimulatedEcho.echo(first, beforeMs, -10, length), rest, splitMs + afterMs, -10);
    short[] mic = TestAudio.mix(echo, SimulatedEcho.pinkNoise(length, 60, 5));
    assertThat(SimulatedEcho.speechStarts(null, mic)).as("without the gate the echo is speech").isNotEmpty();
    assertThat(SimulatedEcho.speechStarts(gateHearing(assistant), mic)).as("echo through the gate").isEmpty();
  }
}
