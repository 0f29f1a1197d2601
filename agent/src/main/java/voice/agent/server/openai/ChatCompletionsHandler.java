package voice.agent.server.openai;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;
import voice.agent.server.access.AccessControl;
import voice.agent.server.access.ApiErrors;
import voice.agent.server.metrics.ServerMetrics;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;

/**
 * {@code POST /v1/chat/completions}: the OpenAI Chat Completions API in front of the configured
 * provider, streamed ({@code stream: true}, SSE chunks and {@code [DONE]}) or whole. The answer
 * passes the guardrails; when the client goes away the upstream request is cancelled.
 */
public final class ChatCompletionsHandler implements Handler<RoutingContext> {
  private final Function<String, LlmClient> guardedClient;
  private final String model;
  private final ServerMetrics metrics;

  /**
   * @param guardedClient the guarded provider client for a caller's label
   * @param model the model name reported in responses
   */
  public ChatCompletionsHandler(Function<String, LlmClient> guardedClient, String model, ServerMetrics metrics) {
    this.guardedClient = guardedClient;
    this.model = model;
    this.metrics = metrics;
  }

  @Override
  public void handle(RoutingContext rc) {
    ChatRequest request;
    try {
      JsonObject body = rc.body().asJsonObject();
      if (body == null) {
        throw new IllegalArgumentException("the request body must be a JSON object");
      }
      request = ChatRequest.parse(body);
    } catch (DecodeException | ClassCastException e) {
      badRequest(rc, "the request body is not valid JSON");
      return;
    } catch (IllegalArgumentException e) {
      badRequest(rc, e.getMessage());
      return;
    }
    String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    CompletionJson json = new CompletionJson(id, System.currentTimeMillis() / 1000, model);
    rc.response().putHeader("x-request-id", id);
    CompletionResponder responder = new CompletionResponder(rc.response(), json, request, metrics);
    Context context = Vertx.currentContext();
    LlmClient client = guardedClient.apply(String.valueOf((Object) rc.get(AccessControl.CLIENT)));
    LlmCall call = client.stream(new LlmRequest("http-" + id.substring(9, 21), request.messages()),
        event -> context.runOnContext(v -> responder.on(event)));
    rc.response().closeHandler(v -> {
      if (!responder.finished()) {
        call.cancel(); // the client went away: stop generation upstream
      }
    });
  }

  private void badRequest(RoutingContext rc, String message) {
    metrics.error("bad_request");
    ApiErrors.send(rc.response(), 400, message, "invalid_request_error", null);
  }
}
