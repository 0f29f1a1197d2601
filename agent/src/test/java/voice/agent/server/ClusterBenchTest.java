package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import voice.agent.CliRun;

/**
 * {@code bench --cluster} in short: two sessions at once per setup (the README's figures come from the
 * full command). Its workers are real child JVMs; the figures are printed, not asserted.
 */
class ClusterBenchTest {
  @Test
  void measuresTheHopAndOneNodeAgainstAGatewayWithTwoWorkers() throws Exception {
    CliRun run = CompletableFuture.supplyAsync(() -> CliRun.of("bench", "--cluster", "--voice-sessions", "2"))
        .get(240, TimeUnit.SECONDS);
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\| TextChunk \\| \\d+\\.\\d{3} ms \\| \\d+\\.\\d{3} ms \\|"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\| AudioChunk, 100 ms of 48 kHz \\| \\d+\\.\\d{3} ms \\| \\d+\\.\\d{3} ms \\|"));
    // Each setup answered both sessions at once, and each heard only its own speech and answer.
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\| one node \\| 2 \\| (yes|no) \\| 2 \\| \\d+ \\| no \\| \\d+ / \\d+ ms \\|"));
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\| gateway \\+ 2 workers \\| 2 \\| (yes|no) \\| 2 \\| \\d+ \\| no \\| \\d+ / \\d+ ms \\|"));
    assertThat(run.err()).contains("worker: joined the cluster at 127.0.0.1:");
  }
}
