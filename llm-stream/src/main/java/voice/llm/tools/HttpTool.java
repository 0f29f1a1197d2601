package voice.llm.tools;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** A user tool: POSTs the arguments JSON to its URL; the response body is the result. */
final class HttpTool implements Tool {
  private static final long TIMEOUT_MILLIS = 30_000;
  private static final int MAX_ERROR_BODY = 300;

  private final ToolSpec spec;
  private final HttpClient http;

  HttpTool(ToolSpec spec, HttpClient http) {
    this.spec = spec;
    this.http = http;
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public Future<ToolOutcome> invoke(JsonObject arguments) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(spec.url())
        .setIdleTimeout(TIMEOUT_MILLIS)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    return http.request(options)
        .compose(request -> request.send(arguments.toBuffer()))
        .compose(response -> response.body().map(body -> {
          String text = body.toString();
          if (response.statusCode() / 100 == 2) {
            return ToolOutcome.ok(text);
          }
          String shown = text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) + "..." : text;
          return ToolOutcome.error("tool endpoint answered HTTP " + response.statusCode() + ": " + shown.strip());
        }))
        .recover(failure -> Future.succeededFuture(
            ToolOutcome.error("cannot reach tool endpoint " + spec.url() + ": " + failure.getMessage())));
  }
}
