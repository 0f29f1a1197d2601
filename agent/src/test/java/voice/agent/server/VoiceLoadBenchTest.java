package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import voice.agent.server.bench.VoiceLoadBench;

/** The load benchmark's smoke run: two sessions at once (the real sizes run from voice-agent bench). */
class VoiceLoadBenchTest {
  @Test
  void twoSessionsHoldWithoutUnderrunOrCrossTalk() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VoiceLoadBench.Report report = VoiceLoadBench.run(2, VoiceLoadBench.DEFAULT_SPEECH,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(report.steps()).extracting(VoiceLoadBench.Step::sessions).containsExactly(1, 2);
    VoiceLoadBench.Step two = report.steps().get(1);
    assertThat(two.answered()).isEqualTo(2);
    assertThat(two.crossTalk()).isFalse();
    // Resident memory of the whole process: MaryTTS and a decoder alone take well over 100 MiB.
    assertThat(two.rssBytes()).isGreaterThan(100L << 20);
    assertThat(two.rssPerExtraSessionBytes()).isLessThan(two.rssBytes());
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("sessions=2");
  }
}
