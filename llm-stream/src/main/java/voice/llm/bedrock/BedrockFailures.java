package voice.llm.bedrock;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import voice.llm.turn.LlmFailure;

/** SDK exceptions, including exception frames of the event stream, as one-line failures. */
final class BedrockFailures {
  private static final Set<String> RETRYABLE = Set.of("throttlingexception", "serviceunavailableexception",
      "internalserverexception", "modelnotreadyexception");

  private BedrockFailures() {}

  static LlmFailure of(Throwable failure, String url) {
    Throwable e = failure;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
          ? service.awsErrorDetails().errorCode() : service.getClass().getSimpleName();
      String message = service.awsErrorDetails() != null && service.awsErrorDetails().errorMessage() != null
          ? service.awsErrorDetails().errorMessage() : service.getMessage();
      int status = service.statusCode();
      boolean retryable = RETRYABLE.contains(code.toLowerCase(Locale.ROOT)) || status == 429 || status == 529
          || (status >= 500 && status <= 503);
      String statusText = status >= 400 ? " (HTTP " + status + ")" : "";
      return new LlmFailure(snake(code), "Bedrock " + code + statusText + ": " + oneLine(message), retryable, null);
    }
    String message = oneLine(e.getMessage());
    if (e instanceof SdkClientException && message.contains("credentials")) {
      return LlmFailure.fatal("auth_error", "no AWS credentials for Bedrock: set AWS_ACCESS_KEY_ID and "
          + "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE");
    }
    if (e instanceof SdkClientException) {
      return new LlmFailure("connection_error", "cannot reach Bedrock at " + url + ": " + message, true, null);
    }
    return LlmFailure.fatal("bedrock_error", "Bedrock request failed: " + message);
  }

  /** throttlingException -> throttling_exception, ModelStreamErrorException -> model_stream_error_exception */
  static String snake(String code) {
    return code.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  static String oneLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String line = s.replaceAll("\\s+", " ").trim();
    // The SDK appends "(Service: ..., Status Code: ..., Request ID: ...)": kept short.
    int service = line.indexOf(" (Service: ");
    return service > 0 ? line.substring(0, service) : line;
  }
}
