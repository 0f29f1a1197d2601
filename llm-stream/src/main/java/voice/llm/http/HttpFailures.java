package voice.llm.http;

import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import voice.llm.turn.LlmFailure;

/** One-line failures from HTTP statuses, error bodies and connection errors, for every provider. */
public final class HttpFailures {
  private static final int MAX_MESSAGE = 300;

  private HttpFailures() {}

  /** 429, 500-503 and 529 (Anthropic's overloaded) are worth another try. */
  public static boolean retryableStatus(int status) {
    return status == 429 || (status >= 500 && status <= 503) || status == 529;
  }

  /**
   * The failure for a non-2xx answer. The error type and message come from the body when it
   * is one of the known shapes: {@code {"error":{"type","message"}}} (OpenAI, Anthropic) or
   * {@code {"error":"..."}} (Ollama).
   */
  public static LlmFailure fromStatus(int status, String statusMessage, String body, String retryAfter) {
    String type = "http_error";
    String detail = null;
    try {
      JsonObject json = new JsonObject(body);
      Object error = json.getValue("error");
      if (error instanceof JsonObject object) {
        detail = object.getString("message");
        String providerType = object.getString("type");
        if (providerType != null && !providerType.isBlank()) {
          type = providerType;
        }
      } else if (error instanceof String text) {
        detail = text;
      } else if (json.getString("message") != null) {
        detail = json.getString("message");
      }
    } catch (RuntimeException notJson) {
      detail = body == null || body.isBlank() ? null : body;
    }
    String message = "HTTP " + status + (statusMessage == null || statusMessage.isBlank() ? "" : " " + statusMessage)
        + (detail == null ? "" : ": " + oneLine(detail));
    return new LlmFailure(type, message, retryableStatus(status), parseRetryAfter(retryAfter));
  }

  public static LlmFailure fromConnection(String url, Throwable cause) {
    String reason = cause instanceof UnknownHostException ? "unknown host" : cause.getMessage();
    boolean connect = cause instanceof ConnectException || cause instanceof UnknownHostException
        || (cause.getMessage() != null && cause.getMessage().toLowerCase().contains("connection refused"));
    String message = connect ? "cannot reach " + url + " (" + oneLine(reason) + ")"
        : "connection to " + url + " failed: " + oneLine(String.valueOf(reason));
    return new LlmFailure("connection_error", message, true, null);
  }

  /** {@code retry-after} as delta-seconds or an HTTP date; null when absent or unreadable. */
  public static Duration parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(text) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), when);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  public static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "..." : line;
  }
}
