package voice.agent.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.agent.UserError;

/**
 * This process as a member of the cluster: a clustered Vert.x whose Hazelcast found its members
 * through the TCP/IP list. Joining retries until one listed member answers or the join timeout
 * passes; a member of another version is refused (this node leaves at once and says why).
 */
public final class ClusterNode {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
  /** The version every member must run; the members' attribute is compared on join. */
  public static final String VERSION = System.getProperty("voice-agent.cluster.version", "0.1.0");
  /** The member attribute where vertx-hazelcast keeps a member's Vert.x node id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final Vertx vertx;
  private final HazelcastInstance hazelcast;
  private final String nodeId;
  private final ClusterSettings settings;

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {
    this.vertx = vertx;
    this.hazelcast = manager.getHazelcastInstance();
    this.nodeId = manager.getNodeId();
    this.settings = settings;
  }

  /** Joins with plain Vert.x options (a worker). */
  public static ClusterNode join(ClusterSettings settings, PrintStream log) {
    return join(settings, new VertxOptions(), UnaryOperator.identity(), log);
  }

  /**
   * Builds a clustered Vert.x from {@code options} and {@code extras} (e.g. metrics), retrying
   * while no listed member is reachable, then gives up with one line.
   */
  public static ClusterNode join(ClusterSettings settings, VertxOptions options, UnaryOperator<VertxBuilder> extras,
      PrintStream log) {
    options.setEventBusOptions(new EventBusOptions().setHost(settings.host()).setPort(settings.busPort())
        .setClusterPublicHost(settings.host()).setClusterPublicPort(settings.busPort()));
    String self = settings.host() + ":" + settings.port();
    List<String> others = settings.members().stream().filter(m -> !m.equals(self)).toList();
    long started = System.nanoTime();
    long deadline = started + TimeUnit.SECONDS.toNanos(settings.joinTimeoutSeconds());
    for (int attempt = 1; ; attempt++) {
      HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.config(settings, VERSION));
      Vertx vertx;
      try {
        vertx = extras.apply(Vertx.builder().with(options)).withClusterManager(manager).buildClustered()
            .await(settings.joinTimeoutSeconds() + 30L, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new UserError("cannot start the cluster member at " + self + " (event bus port " + settings.busPort()
            + "): " + rootMessage(e));
      }
      ClusterNode node = new ClusterNode(vertx, manager, settings);
      String foreign = node.foreignMember();
      if (foreign != null) {
        node.close();
        throw new UserError("refused by the cluster: " + foreign + "; run the same voice-agent version on every member");
      }
      if (others.isEmpty() || node.hazelcast.getCluster().getMembers().size() > 1) {
        node.watchMembers();
        return node;
      }
      node.close();
      if (System.nanoTime() > deadline && attempt > 1) {
        throw new UserError("no cluster member reachable at " + String.join(", ", others) + " after "
            + attempt + " attempts in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)
            + " s: start one there first, or check --cluster-members and that the ports (Hazelcast's and the next one) are open");
      }
      log.println("voice-agent: no cluster member reachable at " + String.join(", ", others) + " yet; retrying");
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserError("interrupted while joining the cluster", 130);
      }
    }
  }

  /** Another version among the members, described, or null. */
  private String foreignMember() {
    for (Member member : hazelcast.getCluster().getMembers()) {
      String version = member.getAttribute(HazelcastSetup.VERSION);
      if (!VERSION.equals(version)) {
        return "member " + member.getAddress().getHost() + ":" + member.getAddress().getPort() + " runs voice-agent "
            + version + ", this node " + VERSION;
      }
    }
    return null;
  }

  private void watchMembers() {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
        LOG.info("cluster: {} joined ({})", describe(event.getMember()), event.getMember().getAttribute(HazelcastSetup.ROLES));
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        LOG.warn("cluster: {} left", describe(event.getMember()));
      }
    });
  }

  /** Calls {@code action} with the Vert.x node id of each member that leaves (or is lost). */
  public void onMemberLeft(java.util.function.Consumer<String> action) {
    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {}

      @Override
      public void memberRemoved(MembershipEvent event) {
        // Vert.x names a node by its own id, kept as a member attribute, not Hazelcast's member uuid.
        String node = event.getMember().getAttribute(VERTX_NODE_ID);
        if (node != null) {
          action.accept(node);
        }
      }
    });
  }

  /** True when a member of this version (this one included) offers {@code role} now. */
  public boolean offered(Role role) {
    if (!hazelcast.getLifecycleService().isRunning()) {
      return false;
    }
    for (Member member : hazelcast.getCluster().getMembers()) {
      String roles = member.getAttribute(HazelcastSetup.ROLES);
      if (VERSION.equals(member.getAttribute(HazelcastSetup.VERSION)) && roles != null
          && List.of(roles.split(",")).contains(role.name())) {
        return true;
      }
    }
    return false;
  }

  /** Members now, this one included. */
  public int size() {
    return hazelcast.getLifecycleService().isRunning() ? hazelcast.getCluster().getMembers().size() : 0;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The Vert.x node id, which scopes this node's own addresses. */
  public String nodeId() {
    return nodeId;
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** Leaves the cluster (the others see it go at once) and closes Vert.x. */
  public void close() {
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("leaving the cluster: {}", e.toString());
    }
  }

  private static String describe(Member member) {
    return member.getAddress().getHost() + ":" + member.getAddress().getPort();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }
}
