package voice.agent.cluster;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import voice.agent.UserError;

/**
 * Where this node is and whom it joins.
 *
 * @param host the address this node binds and the other members reach it at
 * @param port Hazelcast's port (members join through it); the event bus listens on {@code port + 1}
 * @param members the other members' {@code host:port}, tried at start (multicast is off)
 * @param roles what this node does
 * @param joinTimeoutSeconds how long a node that lists members retries before it gives up
 */
public record ClusterSettings(String host, int port, List<String> members, EnumSet<Role> roles, int joinTimeoutSeconds) {
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_JOIN_TIMEOUT_S = 30;

  public ClusterSettings {
    members = List.copyOf(members);
    roles = EnumSet.copyOf(roles);
  }

  /** The clustered event bus's port, next to Hazelcast's so a firewall rule names both. */
  public int busPort() {
    return port + 1;
  }

  public boolean offers(Role role) {
    return roles.contains(role);
  }

  /** {@code host:port} entries, checked; a bad one is a bad option (exit 2). */
  public static List<String> parseMembers(List<String> given, String where) {
    List<String> members = new ArrayList<>();
    for (String listed : given) {
      for (String entry : listed.split(",")) {
        String member = entry.trim();
        if (member.isEmpty()) {
          continue;
        }
        int colon = member.lastIndexOf(':');
        if (colon <= 0 || !validPort(member.substring(colon + 1))) {
          throw new UserError(where + " takes host:port entries separated by commas, got '" + member + "'", 2);
        }
        members.add(member);
      }
    }
    return members;
  }

  static boolean validPort(String text) {
    try {
      int port = Integer.parseInt(text);
      return port > 0 && port < 65535;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
