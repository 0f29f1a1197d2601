package voice.agent.server.openai;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import voice.agent.server.access.ApiErrors;
import voice.agent.server.metrics.ServerMetrics;
import voice.agent.server.upstream.UpstreamErrors;
import voice.core.event.MonotonicClock;
import voice.core.llm.LlmEvent;

/** Turns one answer's {@link LlmEvent}s into the HTTP response, streamed or whole. Runs on the request's context. */
final class CompletionResponder {
  private final HttpServerResponse response;
  private final CompletionJson json;
  private final ChatRequest request;
  private final ServerMetrics metrics;
  private final double startedAt = MonotonicClock.millisPrecise();
  private final StringBuilder text = new StringBuilder();
  private boolean headersSent;
  private boolean finished;
  private boolean firstToken = true;
  private String stopReason;
  private LlmEvent.Usage usage;

  CompletionResponder(HttpServerResponse response, CompletionJson json, ChatRequest request, ServerMetrics metrics) {
    this.response = response;
    this.json = json;
    this.request = request;
    this.metrics = metrics;
  }

  boolean finished() {
    return finished;
  }

  void on(LlmEvent event) {
    if (finished || response.closed()) {
      return;
    }
    if (event instanceof LlmEvent.BlockDelta delta && delta.type() == LlmEvent.BlockType.text) {
      onText(delta.text());
    } else if (event instanceof LlmEvent.MessageDelta delta) {
      stopReason = delta.stopReason() != null ? delta.stopReason() : stopReason;
      usage = delta.usage() != null ? delta.usage() : usage;
    } else if (event instanceof LlmEvent.MessageStop stop && stop.endOfTurn()) {
      complete();
    } else if (event instanceof LlmEvent.LlmError error) {
      fail(error);
    }
  }

  private void onText(String delta) {
    if (firstToken) {
      firstToken = false;
      metrics.latency("ttft_ms", "http", MonotonicClock.millisPrecise() - startedAt);
    }
    if (!request.stream()) {
      text.append(delta);
      return;
    }
    startStream();
    send(json.chunk(new JsonObject().put("content", delta), null));
  }

  private void complete() {
    finished = true;
    String finish = CompletionJson.finishReason(stopReason);
    if (!request.stream()) {
      response.putHeader("content-type", "application/json").end(json.completion(text.toString(), finish, usage).encode());
      return;
    }
    startStream();
    send(json.chunk(new JsonObject(), finish));
    if (request.includeUsage()) {
      send(json.usageChunk(usage));
    }
    response.end("data: [DONE]\n\n");
  }

  private void fail(LlmEvent.LlmError error) {
    finished = true;
    metrics.error("llm_" + error.errorType());
    UpstreamErrors.PublicError shown = UpstreamErrors.report(json.id(), error.errorType(), error.message());
    if (!headersSent) {
      if (shown.status() == 429) {
        response.putHeader("retry-after", "5");
      }
      ApiErrors.send(response, shown.status(), shown.message(), shown.type(), null);
      return;
    }
    // Mid-stream the status is already sent: the OpenAI clients raise an error chunk like this.
    send(ApiErrors.body(shown.message(), shown.type(), null));
    response.end();
  }

  private void startStream() {
    if (headersSent) {
      return;
    }
    headersSent = true;
    response.setChunked(true)
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no");
    send(json.chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
  }

  private void send(JsonObject data) {
    response.write("data: " + data.encode() + "\n\n");
  }
}
