package voice.agent.server.access;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bearer-token auth and per-key rate limiting in front of every route it is mounted on. The key
 * comes from {@code Authorization: Bearer KEY}, or from the {@code access_token} query parameter
 * (RFC 6750), which is what a browser can send when it opens the page or the WebSocket. Without
 * configured keys everyone is let in and the limit counts per client address.
 */
public final class AccessControl implements Handler<RoutingContext> {
  /** Where the routing context keeps the caller's key label (never the key itself). */
  public static final String CLIENT = "voice.client";

  private final List<byte[]> keys;
  private final RateLimiter limiter;
  private final Consumer<String> errors;

  /** @param errors told the error type of each rejected request (for the metrics) */
  public AccessControl(List<String> keys, RateLimiter limiter, Consumer<String> errors) {
    this.keys = keys.stream().filter(k -> k != null && !k.isBlank())
        .map(k -> k.strip().getBytes(StandardCharsets.UTF_8)).toList();
    this.limiter = limiter;
    this.errors = errors;
  }

  public boolean authEnabled() {
    return !keys.isEmpty();
  }

  @Override
  public void handle(RoutingContext rc) {
    String client;
    if (keys.isEmpty()) {
      client = rc.request().remoteAddress() == null ? "local" : rc.request().remoteAddress().hostAddress();
    } else {
      String key = presentedKey(rc);
      int index = key == null ? -1 : indexOf(key);
      if (index < 0) {
        errors.accept("unauthorized");
        rc.response().putHeader("www-authenticate", "Bearer");
        ApiErrors.send(rc.response(), 401, key == null
            ? "missing API key: send 'Authorization: Bearer KEY'"
            : "invalid API key", "invalid_request_error", "invalid_api_key");
        return;
      }
      client = "key-" + (index + 1);
    }
    long wait = limiter.acquire(client);
    if (wait > 0) {
      errors.accept("rate_limited");
      rc.response().putHeader("retry-after", Long.toString(wait));
      ApiErrors.send(rc.response(), 429, "rate limit exceeded: " + limiter.perMinute()
          + " requests per minute; retry after " + wait + " s", "rate_limit_error", "rate_limit_exceeded");
      return;
    }
    rc.put(CLIENT, client);
    rc.next();
  }

  private static String presentedKey(RoutingContext rc) {
    String header = rc.request().getHeader("authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).strip();
    }
    String param = rc.request().getParam("access_token");
    return param == null || param.isBlank() ? null : param.strip();
  }

  /** Constant-time comparison against every key, so timing does not reveal a prefix. */
  private int indexOf(String presented) {
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    int found = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (MessageDigest.isEqual(keys.get(i), bytes) && found < 0) {
        found = i;
      }
    }
    return found;
  }
}
