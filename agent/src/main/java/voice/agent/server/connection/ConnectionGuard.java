package voice.agent.server.connection;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import voice.agent.server.ServerLimits;
import voice.agent.server.access.ApiErrors;
import voice.agent.server.metrics.ServerMetrics;

/**
 * What Vert.x's own options do not cover, at the connection level: a cap on open connections
 * (in total and per client address, checked on accept, so 20 000 idle sockets cannot take every
 * file descriptor), a deadline for a new connection's first request headers (slow headers), a
 * deadline for a request's whole body (a chunked body that stops), and an early 413 for a
 * declared body over the limit. Idle connections are closed by Vert.x's idle timeout.
 */
public final class ConnectionGuard {
  private final Vertx vertx;
  private final ServerLimits limits;
  private final int maxBodyBytes;
  private final ServerMetrics metrics;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  /** How each open connection is uncounted, once, whichever close is seen first. */
  private final Map<HttpConnection, Runnable> releases = new ConcurrentHashMap<>();
  /** Connections still waiting for their first request, with the timer that closes them. */
  private final Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();

  public ConnectionGuard(Vertx vertx, ServerLimits limits, int maxBodyBytes, ServerMetrics metrics) {
    this.vertx = vertx;
    this.limits = limits;
    this.maxBodyBytes = maxBodyBytes;
    this.metrics = metrics;
  }

  /** For {@code HttpServer.connectionHandler}: counts the connection, or closes it when over a cap. */
  public void onConnection(HttpConnection connection) {
    String address = connection.remoteAddress() == null ? "local" : connection.remoteAddress().hostAddress();
    AtomicInteger fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
    int total = open.incrementAndGet();
    int mine = fromAddress.incrementAndGet();
    AtomicBoolean released = new AtomicBoolean();
    Runnable release = () -> {
      if (released.compareAndSet(false, true)) {
        releases.remove(connection);
        open.decrementAndGet();
        if (fromAddress.decrementAndGet() <= 0) {
          perAddress.remove(address, fromAddress);
        }
        Long timer = awaitingHeaders.remove(connection);
        if (timer != null) {
          vertx.cancelTimer(timer);
        }
      }
    };
    releases.put(connection, release);
    connection.closeHandler(v -> release.run());
    if (over(limits.maxConnections(), total) || over(limits.maxConnectionsPerAddress(), mine)) {
      metrics.error("connection_limit");
      connection.close();
      return;
    }
    if (limits.headerTimeoutSeconds() > 0) {
      awaitingHeaders.put(connection, vertx.setTimer(limits.headerTimeoutSeconds() * 1000L, t -> {
        if (awaitingHeaders.remove(connection) != null) {
          metrics.error("header_timeout");
          connection.close();
        }
      }));
    }
  }

  /**
   * What uncounts {@code connection} when it closes. A connection upgraded to a WebSocket no
   * longer reports its close to the HTTP connection's handler, so the WebSocket's own close
   * must call this (else every voice session would hold its slot of the caps forever).
   */
  public Runnable releaseOf(HttpConnection connection) {
    return releases.getOrDefault(connection, () -> { });
  }

  /** Wraps the router: stops the header deadline, starts the body deadline, refuses oversized bodies. */
  public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      Long timer = awaitingHeaders.remove(request.connection());
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      String length = request.getHeader("content-length");
      if (length != null && declaredTooLarge(length)) {
        tooLarge(request);
        return;
      }
      if (limits.bodyTimeoutSeconds() > 0 && hasBody(request, length)) {
        vertx.setTimer(limits.bodyTimeoutSeconds() * 1000L, t -> {
          if (!request.isEnded()) {
            metrics.error("body_timeout");
            request.connection().close();
          }
        });
      }
      next.handle(request);
    };
  }

  /** Answers 413 in the OpenAI error shape and closes the connection, so no more of the body is read. */
  public void tooLarge(HttpServerRequest request) {
    metrics.error("body_too_large");
    var response = request.response();
    if (response.ended() || response.closed()) {
      request.connection().close();
      return;
    }
    // Written whole but not ended: Vert.x counts a request as active until both its body and its
    // response have ended, and reports the close as a reset (back to zero) only while the response
    // is not ended. The client reads a complete 413 either way.
    String body = ApiErrors.body("request body too large: at most " + maxBodyBytes + " bytes",
        "invalid_request_error", "request_too_large").encode();
    response.setStatusCode(413).putHeader("connection", "close").putHeader("content-type", "application/json")
        .putHeader("content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
        .write(body)
        .onComplete(v -> request.connection().close());
  }

  /** Connections open now (for the tests and metrics). */
  public int openConnections() {
    return open.get();
  }

  private boolean declaredTooLarge(String length) {
    try {
      return Long.parseLong(length.strip()) > maxBodyBytes;
    } catch (NumberFormatException e) {
      return false; // Vert.x itself rejects a malformed length
    }
  }

  private static boolean hasBody(HttpServerRequest request, String length) {
    return (length != null && !length.strip().equals("0")) || request.getHeader("transfer-encoding") != null;
  }

  private static boolean over(int cap, int count) {
    return cap > 0 && count > cap;
  }
}
