package voice.agent.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where the server's work runs: in this process alone ({@link #STANDALONE}), or on the members
 * of a cluster, which decides how Vert.x is built and whether a request can be taken now.
 */
public interface Placement {
  Placement STANDALONE = (options, extras) -> extras.apply(Vertx.builder().with(options)).build();

  /** Builds the server's Vert.x from its options and extras (metrics). */
  Vertx vertx(VertxOptions options, UnaryOperator<VertxBuilder> extras);

  /** Why a new voice session cannot be taken now (it gets 429 with retry-after), or null. */
  default String voiceRefusal() {
    return null;
  }

  /** Why a chat completion cannot be taken now (429 with retry-after), or null. */
  default String textRefusal() {
    return null;
  }

  /** Extra fields of {@code /health}. */
  default Map<String, Object> health() {
    return Map.of();
  }
}
