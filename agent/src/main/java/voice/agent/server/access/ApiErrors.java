package voice.agent.server.access;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Error responses in the OpenAI API's shape, so its clients raise the right error class. */
public final class ApiErrors {
  private ApiErrors() {}

  public static JsonObject body(String message, String type, String code) {
    return new JsonObject().put("error", new JsonObject()
        .put("message", message).put("type", type).put("param", null).put("code", code));
  }

  /** Ends {@code response} with {@code status} and the JSON error (if it is still open). */
  public static void send(HttpServerResponse response, int status, String message, String type, String code) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(body(message, type, code).encode());
  }
}
