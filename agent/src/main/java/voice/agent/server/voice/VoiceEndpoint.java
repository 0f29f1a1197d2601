package voice.agent.server.voice;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import voice.agent.server.access.AccessControl;
import voice.agent.server.access.ApiErrors;
import voice.agent.server.access.SessionSlots;

/**
 * {@code GET /v1/voice}: upgrades to a WebSocket and starts a {@link VoiceSession}, when a
 * session slot is free (else 429 with {@code retry-after}). {@code ?echo_gate=off} is for a
 * client whose audio is already free of the answer's echo and that sends only speech (a
 * satellite): the server's echo gate places its answer on the client's audio by wall-clock time,
 * which only holds for a microphone streamed without gaps.
 */
public final class VoiceEndpoint implements Handler<RoutingContext> {
  /** Seconds a refused client is told to wait: sessions last minutes, so there is no exact answer. */
  static final int RETRY_AFTER_S = 10;

  private final Vertx vertx;
  private final VoiceSetup setup;
  private final SessionSlots slots;
  private final java.util.function.Function<io.vertx.core.http.HttpConnection, Runnable> connectionReleases;
  private final AtomicLong counter = new AtomicLong();
  private final Map<String, VoiceSession> sessions = new ConcurrentHashMap<>();

  /** @param connectionReleases uncounts a connection from the connection caps, called when its WebSocket closes */
  public VoiceEndpoint(Vertx vertx, VoiceSetup setup, SessionSlots slots,
      java.util.function.Function<io.vertx.core.http.HttpConnection, Runnable> connectionReleases) {
    this.vertx = vertx;
    this.connectionReleases = connectionReleases;
    this.setup = setup;
    this.slots = slots;
  }

  @Override
  public void handle(RoutingContext rc) {
    if (!"websocket".equalsIgnoreCase(rc.request().getHeader("upgrade"))) {
      setup.metrics().error("bad_request");
      ApiErrors.send(rc.response(), 400, "this endpoint speaks WebSocket: connect with 'Upgrade: websocket'",
          "invalid_request_error", null);
      return;
    }
    String echoGate = rc.request().getParam("echo_gate");
    if (echoGate != null && !echoGate.equals("on") && !echoGate.equals("off")) {
      setup.metrics().error("bad_request");
      ApiErrors.send(rc.response(), 400, "echo_gate must be on or off, was '" + echoGate + "'", "invalid_request_error", null);
      return;
    }
    String client = String.valueOf((Object) rc.get(AccessControl.CLIENT));
    SessionSlots.Grant grant = slots.tryAcquire(client);
    if (grant != SessionSlots.Grant.GRANTED) {
      setup.metrics().error("session_limit");
      rc.response().putHeader("retry-after", Integer.toString(RETRY_AFTER_S));
      ApiErrors.send(rc.response(), 429, grant == SessionSlots.Grant.KEY_FULL
          ? "too many voice sessions for this key: at most " + slots.maxPerClient() + " at once; retry later"
          : "too many voice sessions: at most " + slots.max() + " at once; retry later",
          "rate_limit_error", "session_limit");
      return;
    }
    String id = "ws" + counter.incrementAndGet();
    Runnable releaseConnection = connectionReleases.apply(rc.request().connection());
    rc.request().toWebSocket()
        .onSuccess(socket -> {
          socket.endHandler(v -> releaseConnection.run());
          VoiceSession session = new VoiceSession(vertx, socket, id, client, setup, !"off".equals(echoGate), () -> {
            sessions.remove(id);
            slots.release(client);
            releaseConnection.run();
          });
          sessions.put(id, session);
          session.start();
        })
        .onFailure(e -> {
          org.slf4j.LoggerFactory.getLogger(VoiceEndpoint.class).debug("WebSocket upgrade failed: {}", e.toString());
          slots.release(client);
          setup.metrics().error("bad_request");
        });
  }

  /** Ends every session (server shutdown); completes when all are torn down. */
  public io.vertx.core.Future<Void> closeAll() {
    return io.vertx.core.Future.join(sessions.values().stream().map(VoiceSession::shutdown).toList()).mapEmpty();
  }

  public int activeSessions() {
    return sessions.size();
  }
}
