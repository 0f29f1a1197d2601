package voice.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import voice.agent.CliRun;

/** Cluster mistakes end at once (or after the bounded join retries) with one line and a non-zero exit. */
class ClusterBadInputTest {
  private static CliRun run(String... args) throws Exception {
    return CompletableFuture.supplyAsync(() -> CliRun.of(args)).get(90, TimeUnit.SECONDS);
  }

  private static void assertOneLine(CliRun run, int exitCode, String line) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
    assertThat(run.err().lines().filter(l -> l.startsWith("voice-agent: ") && !l.endsWith("retrying")).toList())
        .as(run.err()).containsExactly("voice-agent: " + line);
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void anUnknownRoleIsRefused() throws Exception {
    assertOneLine(run("worker", "--cluster", "--roles", "tts,speech"), 2,
        "unknown role 'speech' in --roles: the roles are gateway, stt, tts, llm");
    assertOneLine(run("serve", "--cluster", "--roles", "gateway,gpu"), 2,
        "unknown role 'gpu' in --roles: the roles are gateway, stt, tts, llm");
  }

  @Test
  void aWorkerWithNoRoleIsRefused() throws Exception {
    assertOneLine(run("worker", "--cluster"), 2, "a worker needs at least one role: --roles tts,llm (any of stt, tts, llm)");
  }

  @Test
  void aWorkerOutsideAClusterOrAsGatewayIsRefused() throws Exception {
    assertOneLine(run("worker", "--roles", "tts"), 2,
        "a worker only runs in a cluster: add --cluster (and --cluster-members HOST:PORT of a member)");
    assertOneLine(run("worker", "--cluster", "--roles", "gateway,tts"), 2,
        "a worker holds no conversations: the gateway role is serve's ('voice-agent serve --cluster --roles gateway')");
  }

  @Test
  void serveWithoutTheGatewayRoleOrWithoutClusterIsRefused() throws Exception {
    assertOneLine(run("serve", "--cluster", "--roles", "tts,llm"), 2,
        "serve holds the conversations: its --roles must include gateway (a node that only does work is"
            + " 'voice-agent worker --cluster --roles tts,llm')");
    assertOneLine(run("serve", "--roles", "gateway"), 2, "--roles and the --cluster-* options need --cluster");
  }

  @Test
  void theConfigFileSetsTheRolesAndItsMistakesAreRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("config.yaml"),
        "cluster:\n  roles: [gateway, tts]\n  port: 5801\n  members: [10.0.0.2:5701]\n  join_timeout_s: 5\n");
    // The roles came from the file: a worker refuses the gateway role before joining anything.
    assertOneLine(run("worker", "--cluster", "--config", config.toString()), 2,
        "a worker holds no conversations: the gateway role is serve's ('voice-agent serve --cluster --roles gateway')");
    java.nio.file.Files.writeString(config, "cluster:\n  roles: [speech]\n");
    assertOneLine(run("worker", "--cluster", "--config", config.toString()), 2,
        "unknown role 'speech' in cluster.roles in the config file: the roles are gateway, stt, tts, llm");
    java.nio.file.Files.writeString(config, "cluster:\n  member: [10.0.0.2:5701]\n");
    CliRun typo = run("worker", "--cluster", "--roles", "llm", "--config", config.toString());
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err()).startsWith("voice-agent: unknown key 'member' at line 2 of ").contains("did you mean 'members'?");
  }

  @Test
  void aBadMemberAddressIsRefused() throws Exception {
    assertOneLine(run("worker", "--cluster", "--roles", "llm", "--cluster-members", "10.0.0.2"), 2,
        "--cluster-members takes host:port entries separated by commas, got '10.0.0.2'");
  }

  @Test
  void unreachableMembersAreRetriedThenGivenUp() throws Exception {
    int nobody;
    int own;
    try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ServerSocket b = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      nobody = a.getLocalPort();
      own = b.getLocalPort();
    }
    CliRun run = run("worker", "--cluster", "--roles", "llm", "--llm", "demo", "--cluster-port", Integer.toString(own),
        "--cluster-members", "127.0.0.1:" + nobody, "--cluster-join-timeout", "2");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err().lines().filter(l -> l.startsWith("voice-agent: ") && !l.endsWith("retrying")).toList())
        .as(run.err()).singleElement().asString()
        .matches("voice-agent: no cluster member reachable at 127\\.0\\.0\\.1:" + nobody + " after \\d+ attempts in \\d+ s:"
            + " start one there first, or check --cluster-members and that the ports \\(Hazelcast's and the next one\\) are open");
    assertThat(run.err()).doesNotContain("Exception", "\tat ");
    assertThat(run.err()).contains("voice-agent: no cluster member reachable at 127.0.0.1:" + nobody + " yet; retrying");
  }
}
