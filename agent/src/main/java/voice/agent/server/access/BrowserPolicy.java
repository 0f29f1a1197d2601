package voice.agent.server.access;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What keeps other web sites out: every response carries the security headers (a strict
 * Content-Security-Policy the page is written for, no framing, no MIME sniffing, no referrer),
 * and a WebSocket upgrade or a POST that comes from a browser ({@code Origin} present) is let in
 * only from the server's own origin or one of the allowed origins, else 403.
 */
public final class BrowserPolicy {
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
      + "img-src 'self'; media-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final Set<String> allowed;
  private final Runnable refused;

  /** @param allowedOrigins {@code scheme://host[:port]} besides the server's own */
  public BrowserPolicy(List<String> allowedOrigins, Runnable refused) {
    this.allowed = allowedOrigins.stream().map(BrowserPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    this.refused = refused;
  }

  /** The first handler of the router. */
  public void handle(RoutingContext rc) {
    rc.response().headers()
        .set("content-security-policy", CSP)
        .set("x-frame-options", "DENY")
        .set("x-content-type-options", "nosniff")
        .set("referrer-policy", "no-referrer");
    boolean upgrade = "websocket".equalsIgnoreCase(rc.request().getHeader("upgrade"));
    String origin = rc.request().getHeader("origin");
    if ((upgrade || rc.request().method() == HttpMethod.POST) && origin != null && !allowedOrigin(rc, origin)) {
      refused.run();
      ApiErrors.send(rc.response(), 403, "cross-origin request refused: origin " + abbreviate(origin)
          + " is not allowed (serve --allowed-origin)", "invalid_request_error", "origin_not_allowed");
      return;
    }
    rc.next();
  }

  private boolean allowedOrigin(RoutingContext rc, String origin) {
    String normalized = normalize(origin);
    if (allowed.contains(normalized)) {
      return true;
    }
    String host = rc.request().authority() == null ? null : rc.request().authority().toString();
    String scheme = rc.request().isSSL() ? "https://" : "http://";
    return host != null && normalized.equals(normalize(scheme + host));
  }

  /** Lower case, and without the scheme's default port, as browsers send it. */
  private static String normalize(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    if (o.endsWith("/")) {
      o = o.substring(0, o.length() - 1);
    }
    if (o.startsWith("http://") && o.endsWith(":80")) {
      o = o.substring(0, o.length() - 3);
    } else if (o.startsWith("https://") && o.endsWith(":443")) {
      o = o.substring(0, o.length() - 4);
    }
    return o;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
