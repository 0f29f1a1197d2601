package voice.agent.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.agent.UserError;
import voice.agent.server.Placement;
import voice.llm.LlmClient;
import voice.stt.Recognizer;
import voice.stt.pool.RecognizerPool;
import voice.tts.SpeechEngine;

/**
 * {@code serve --cluster}: the server's Vert.x joins the cluster, its conversations stay here,
 * and their model, voice and speech recognition are asked of the members offering {@code llm}, {@code tts}
 * and {@code stt} (this node among them when its roles include them).
 */
public final class Gateway implements Placement {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private final ClusterSettings settings;
  private final PrintStream log;
  /** Calls made again on another member, by role. */
  private final Map<String, AtomicLong> retries = Map.of("stt", new AtomicLong(), "tts", new AtomicLong(), "llm", new AtomicLong());
  private ClusterNode node;
  private RemoteStreams streams;

  public Gateway(ClusterSettings settings, PrintStream log) {
    this.settings = settings;
    this.log = log;
  }

  @Override
  public Vertx vertx(VertxOptions options, UnaryOperator<VertxBuilder> extras) {
    node = ClusterNode.join(settings, options, extras, log);
    try {
      streams = RemoteStreams.start(node.vertx(), node.nodeId()).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      node.close();
      throw new UserError("cannot listen on the cluster's event bus: " + e.getMessage());
    }
    return node.vertx();
  }

  /**
   * The model the conversations use; places this node's own roles first.
   *
   * @param localLlm this node's model client when it offers llm, else null
   * @param localTts this node's voice when it offers tts, else null
   */
  public LlmClient model(LlmClient localLlm, SpeechEngine localTts, RecognizerPool localDecoders) {
    try {
      WorkerRoles.deploy(node, localTts, localLlm, localDecoders).await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new UserError("cannot offer this node's roles: " + e.getMessage());
    }
    return new RemoteLlmClient(streams, reason -> retried("llm", reason), () -> {
      if (localLlm != null) {
        localLlm.close();
      }
    });
  }

  /** The voice the conversations use. */
  public SpeechEngine voice() {
    return new RemoteSpeechEngine(streams, reason -> retried("tts", reason));
  }

  /** A session's recognizer: each utterance on a member offering stt. */
  public Recognizer recognizer() {
    return new RemoteRecognizer(streams, reason -> retried("stt", reason));
  }

  @Override
  public String voiceRefusal() {
    for (Role role : new Role[] {Role.stt, Role.llm, Role.tts}) {
      String missing = missing(role);
      if (missing != null) {
        return missing;
      }
    }
    return null;
  }

  @Override
  public String textRefusal() {
    return missing(Role.llm);
  }

  @Override
  public Map<String, Object> health() {
    Map<String, Object> cluster = new LinkedHashMap<>();
    cluster.put("members", node.size());
    cluster.put("tts", node.offered(Role.tts));
    cluster.put("llm", node.offered(Role.llm));
    cluster.put("stt", node.offered(Role.stt));
    Map<String, Object> again = new LinkedHashMap<>();
    for (String role : new String[] {"stt", "tts", "llm"}) {
      again.put(role, retries.get(role).get());
    }
    cluster.put("retries", again);
    return Map.of("cluster", cluster);
  }

  private String missing(Role role) {
    return node.offered(role) ? null : "no cluster member offers " + role + " now; retry later";
  }

  private void retried(String role, String reason) {
    retries.get(role).incrementAndGet();
    LOG.warn("cluster: a {} call is made again on another member: {}", role, reason);
  }
}
