package voice.agent.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.cluster.ClusterSettings;
import voice.agent.cluster.Role;
import voice.agent.config.AgentConfig;

/** The cluster options of {@code serve} and {@code worker}; they override the config file's {@code cluster} section. */
public final class ClusterOptions {
  @Option(names = "--cluster", description = "Join a cluster on Vert.x's clustered event bus (Hazelcast, TCP/IP members, no multicast).")
  boolean cluster;

  @Option(names = "--roles", paramLabel = "ROLE", split = ",",
      description = "What this node does: gateway (holds the WebSockets and HTTP requests; serve only), stt, tts, llm.")
  List<String> roles;

  @Option(names = "--cluster-host", paramLabel = "ADDRESS",
      description = "This node's address as the other members reach it; it listens there (default 127.0.0.1).")
  String host;

  @Option(names = "--cluster-port", paramLabel = "PORT",
      description = "Hazelcast's port (default 5701); the event bus listens on PORT+1. Open both between the members.")
  Integer port;

  @Option(names = "--cluster-members", paramLabel = "HOST:PORT", split = ",",
      description = "Members to join (their --cluster-port). A node that lists members waits for one of them, retrying, then gives up.")
  List<String> members;

  @Option(names = "--cluster-join-timeout", paramLabel = "SECONDS",
      description = "How long a node that lists members retries to reach one (default 30).")
  Integer joinTimeoutSeconds;

  public boolean enabled() {
    return cluster;
  }

  /** Refuses cluster options given without {@code --cluster}, so a typo cannot start a lone server silently. */
  public void checkUnused() {
    if (!cluster && (roles != null || host != null || port != null || members != null || joinTimeoutSeconds != null)) {
      throw new UserError("--roles and the --cluster-* options need --cluster", 2);
    }
  }

  /**
   * The node's settings: options over the config file over the defaults.
   *
   * @param defaultRoles when neither the options nor the file name any
   */
  public ClusterSettings resolve(AgentConfig config, List<String> defaultRoles) {
    AgentConfig.Cluster file = config.cluster();
    EnumSet<Role> chosen = roles != null ? Role.parse(roles, "--roles")
        : file.roles() != null ? Role.parse(file.roles(), "cluster.roles in the config file")
        : Role.parse(defaultRoles, "--roles");
    String where = members != null ? "--cluster-members" : "cluster.members in the config file";
    List<String> listed = ClusterSettings.parseMembers(members != null ? members
        : file.members() != null ? file.members() : List.of(), where);
    int p = port != null ? port : file.port() != null ? file.port() : ClusterSettings.DEFAULT_PORT;
    if (p < 1 || p > 65534) {
      throw new UserError("--cluster-port must be 1..65534 (the event bus takes the next port), was " + p, 2);
    }
    int join = joinTimeoutSeconds != null ? joinTimeoutSeconds
        : file.joinTimeoutS() != null ? file.joinTimeoutS() : ClusterSettings.DEFAULT_JOIN_TIMEOUT_S;
    if (join < 1) {
      throw new UserError("--cluster-join-timeout must be at least 1 second, was " + join, 2);
    }
    String h = host != null ? host : file.host() != null ? file.host() : "127.0.0.1";
    return new ClusterSettings(h, p, new ArrayList<>(listed), chosen, join);
  }
}
