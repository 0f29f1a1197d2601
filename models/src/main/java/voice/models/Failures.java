package voice.models;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/** Turns I/O exceptions into short phrases for one-line errors. */
final class Failures {
  private Failures() {}

  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof ConnectException || root instanceof UnknownHostException) {
        break;
      }
      root = root.getCause();
    }
    if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
      return "host not found (no network?)";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connection timed out";
    }
    if (root instanceof ConnectException) {
      return "connection refused or network unreachable";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer from the server";
    }
    String message = root.getMessage();
    String text = message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    return text.lines().findFirst().orElse(text);
  }
}
