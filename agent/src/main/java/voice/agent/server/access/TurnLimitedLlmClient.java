package voice.agent.server.access;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;

/**
 * The per-key rate limit applied to each turn of a voice session, spoken or typed (an HTTP
 * request is counted by {@link AccessControl}; a WebSocket holds many turns). A turn over the
 * limit never reaches the provider: it ends at once with an {@code llm.error} of type
 * {@code rate_limited}.
 */
public final class TurnLimitedLlmClient implements LlmClient {
  private final LlmClient inner;
  private final RateLimiter limiter;
  private final String client;
  private final Vertx vertx;

  public TurnLimitedLlmClient(LlmClient inner, RateLimiter limiter, String client, Vertx vertx) {
    this.inner = inner;
    this.limiter = limiter;
    this.client = client;
    this.vertx = vertx;
  }

  @Override
  public LlmCall stream(LlmRequest request, Consumer<LlmEvent> events) {
    long wait = limiter.acquire(client);
    if (wait <= 0) {
      return inner.stream(request, events);
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    // After stream() returns, as the client contract asks.
    vertx.runOnContext(v -> {
      if (!cancelled.get()) {
        events.accept(new LlmEvent.LlmError(request.turn(), "rate_limited", "turn rate limit exceeded: "
            + limiter.perMinute() + " turns per minute; retry after " + wait + " s"));
      }
    });
    return () -> cancelled.set(true);
  }

  @Override
  public String provider() {
    return inner.provider();
  }
}
