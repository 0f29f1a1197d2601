package voice.agent.server.upstream;

import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told when the provider fails: a type it can act on and a request id, never
 * the provider's URL, credentials or error body. The whole story goes to the server's log under
 * the same request id, with any credentials in URLs masked.
 */
public final class UpstreamErrors {
  private static final Logger LOG = LoggerFactory.getLogger(UpstreamErrors.class);
  private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  /**
   * @param type the OpenAI-style error type the client sees
   * @param status the HTTP status of a response not yet started
   * @param message what the client reads, with the request id
   */
  public record PublicError(String type, int status, String message) {}

  private UpstreamErrors() {}

  /** Logs the provider's failure in full (credentials masked) and returns what the client may see. */
  public static PublicError report(String requestId, String errorType, String detail) {
    if ("rate_limited".equals(errorType)) { // the server's own limit: nothing of the provider's in it
      return new PublicError("rate_limit_error", 429, detail + " (request id " + requestId + ")");
    }
    if ("cluster_busy".equals(errorType)) { // no cluster member could take it: the client may come back
      return new PublicError("rate_limit_error", 429, detail + " (request id " + requestId + ")");
    }
    if ("worker_lost".equals(errorType)) {
      LOG.warn("request {}: {}", requestId, detail);
      return new PublicError("worker_lost", 502, "the cluster member writing the answer was lost mid-answer; ask again"
          + " (request id " + requestId + ")");
    }
    LOG.warn("request {}: upstream model failed ({}): {}", requestId, errorType, maskCredentials(detail));
    String type;
    int status;
    String text;
    if (isAuthentication(errorType, detail)) {
      type = "authentication_error";
      status = 502;
      text = "the upstream model refused this server's credentials";
    } else if ("timeout".equals(errorType)) {
      type = "upstream_timeout";
      status = 504;
      text = "the upstream model did not answer in time";
    } else if (detail != null && detail.startsWith("HTTP 429")) {
      type = "upstream_rate_limited";
      status = 503;
      text = "the upstream model is rate-limiting this server";
    } else {
      type = "upstream_unavailable";
      status = 502;
      text = "the upstream model is unavailable";
    }
    return new PublicError(type, status, text + " (request id " + requestId + ")");
  }

  /** {@code scheme://user:secret@host} becomes {@code scheme://***@host}. */
  public static String maskCredentials(String text) {
    return text == null ? null : USER_INFO.matcher(text).replaceAll("$1***@");
  }

  private static boolean isAuthentication(String errorType, String detail) {
    return "auth_error".equals(errorType) || "authentication_error".equals(errorType)
        || (detail != null && (detail.startsWith("HTTP 401") || detail.startsWith("HTTP 403")));
  }
}
