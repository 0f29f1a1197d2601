package voice.agent.server.access;

import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bearer-token auth and per-key rate limiting in front of every route it is mounted on. The key
 * comes from {@code Authorization: Bearer KEY}; the web page instead exchanges it once, through
 * {@code POST /v1/session}, for an HttpOnly session cookie (a key never travels in a URL).
 * Wrong or missing keys are counted per client address: past the limit that address gets 429
 * with {@code retry-after}, whatever it presents, so keys cannot be guessed at speed. Without
 * configured keys everyone is let in and the limits count per client address.
 */
public final class AccessControl {
  /** Where the routing context keeps the caller's key label (never the key itself). */
  public static final String CLIENT = "voice.client";

  private final List<byte[]> keys;
  private final RateLimiter limiter;
  private final RateLimiter failures;
  private final BrowserSessions sessions = new BrowserSessions();
  private final Consumer<String> errors;

  /**
   * @param failedAuthPerMinute wrong keys one address may present per minute before 429
   * @param errors told the error type of each rejected request (for the metrics)
   */
  public AccessControl(List<String> keys, RateLimiter limiter, int failedAuthPerMinute, Consumer<String> errors) {
    this.keys = keys.stream().filter(k -> k != null && !k.isBlank())
        .map(k -> k.strip().getBytes(StandardCharsets.UTF_8)).toList();
    this.limiter = limiter;
    this.failures = new RateLimiter(failedAuthPerMinute);
    this.errors = errors;
  }

  public boolean authEnabled() {
    return !keys.isEmpty();
  }

  public RateLimiter limiter() {
    return limiter;
  }

  /** The auth and rate-limit step of the router: lets the request on with {@link #CLIENT} set, or answers it. */
  public void authorize(RoutingContext rc) {
    String client;
    if (keys.isEmpty()) {
      client = address(rc);
    } else {
      if (throttled(rc)) {
        return;
      }
      String key = bearer(rc);
      client = key == null ? null : label(key);
      if (client == null && key == null) {
        Cookie cookie = rc.request().getCookie(BrowserSessions.COOKIE);
        client = sessions.client(cookie == null ? null : cookie.getValue());
      }
      if (client == null) {
        refuse(rc, key == null ? "missing API key: send 'Authorization: Bearer KEY'" : "invalid API key");
        return;
      }
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

  /**
   * {@code POST /v1/session} with {@code {"api_key": KEY}}: the web page's log-in. A valid key
   * sets the session cookie (204); a wrong one counts as a failed attempt (401).
   */
  public void login(RoutingContext rc) {
    if (keys.isEmpty()) {
      rc.response().setStatusCode(204).end(); // nothing to log in to
      return;
    }
    if (throttled(rc)) {
      return;
    }
    JsonObject body;
    try {
      body = rc.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String key = body != null && body.getValue("api_key") instanceof String k ? k.strip() : null;
    String client = key == null || key.isEmpty() ? null : label(key);
    if (client == null) {
      refuse(rc, key == null ? "send {\"api_key\": KEY}" : "invalid API key");
      return;
    }
    rc.response().putHeader("set-cookie", BrowserSessions.cookie(sessions.open(client)))
        .putHeader("cache-control", "no-store").setStatusCode(204).end();
  }

  private boolean throttled(RoutingContext rc) {
    long wait = failures.waitFor(address(rc));
    if (wait <= 0) {
      return false;
    }
    errors.accept("auth_throttled");
    rc.response().putHeader("retry-after", Long.toString(wait));
    ApiErrors.send(rc.response(), 429, "too many failed API key attempts from this address; retry after "
        + wait + " s", "rate_limit_error", "auth_throttled");
    return true;
  }

  private void refuse(RoutingContext rc, String message) {
    failures.acquire(address(rc));
    errors.accept("unauthorized");
    rc.response().putHeader("www-authenticate", "Bearer");
    ApiErrors.send(rc.response(), 401, message, "invalid_request_error", "invalid_api_key");
  }

  private static String bearer(RoutingContext rc) {
    String header = rc.request().getHeader("authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = header.substring(7).strip();
      return key.isEmpty() ? null : key;
    }
    return null;
  }

  private static String address(RoutingContext rc) {
    return rc.request().remoteAddress() == null ? "local" : rc.request().remoteAddress().hostAddress();
  }

  /** The label of a valid key ({@code key-N}), else null. Constant time, so timing does not reveal a prefix. */
  private String label(String presented) {
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    int found = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (MessageDigest.isEqual(keys.get(i), bytes) && found < 0) {
        found = i;
      }
    }
    return found < 0 ? null : "key-" + (found + 1);
  }
}
