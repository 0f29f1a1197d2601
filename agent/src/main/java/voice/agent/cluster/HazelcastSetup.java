package voice.agent.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * Hazelcast configured in code, from Vert.x's defaults (the maps its event bus needs): members
 * from the explicit TCP/IP list only, no multicast nor cloud discovery, no phone-home, logs
 * through SLF4J, short join and failure-detection times so a start and a lost member take
 * seconds, not minutes.
 */
final class HazelcastSetup {
  /** Member attributes the others read on join. */
  static final String VERSION = "voice-agent.version";
  static final String ROLES = "voice-agent.roles";
  static final String CLUSTER_NAME = "voice-agent";

  private HazelcastSetup() {}

  static Config config(ClusterSettings settings, String version) {
    // Read before the config is: without it Hazelcast's first warnings go to java.util.logging.
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(CLUSTER_NAME);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // the command leaves the cluster itself
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.join.seconds", "4");
    config.setProperty("hazelcast.tcp.join.port.try.count", "1");
    // A member killed with SIGKILL is noticed within about five seconds.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", settings.host());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false).setPublicAddress(settings.host() + ":" + settings.port());
    network.getInterfaces().setEnabled(false);
    network.getRestApiConfig().setEnabled(false);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(settings.members());
    config.getMemberAttributeConfig().setAttribute(VERSION, version);
    config.getMemberAttributeConfig().setAttribute(ROLES, Role.join(settings.roles()));
    return config;
  }
}
