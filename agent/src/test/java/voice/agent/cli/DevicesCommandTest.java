package voice.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import voice.agent.CliRun;

/** {@code devices} on a machine without a sound card (as in CI), with speexdsp installed by {@code .ci/run}. */
class DevicesCommandTest {
  @Test
  void listsDevicesOrSaysThereAreNoneAndWhetherTheEchoCancellerIsInstalled() throws Exception {
    CliRun run = CliRun.of("devices");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).allMatch(l -> l.matches("(output|input|echo-canceller)\t.+"));
    assertThat(run.out().lines().filter(l -> l.startsWith("output\t"))).isNotEmpty();
    assertThat(run.out().lines().filter(l -> l.startsWith("input\t"))).isNotEmpty();
    assertThat(run.out()).contains("echo-canceller\tspeexdsp (used by default; --aec off for a device with its own)");
  }
}
