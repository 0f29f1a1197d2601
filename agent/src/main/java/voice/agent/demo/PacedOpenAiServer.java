package voice.agent.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import voice.core.event.MonotonicClock;

/**
 * A local OpenAI-compatible Chat Completions server on 127.0.0.1 that streams a scripted
 * answer at a set pace (time to first token, then tokens per second), in the exact SSE wire
 * format of the API. It is the {@code demo} model ({@link DemoProvider}); the benchmark measures
 * the pipeline against it, and tests use it to script answers and to see when the client
 * closed the connection.
 */
public final class PacedOpenAiServer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final List<String> tokens;
  private final long ttftMs;
  private final double tokensPerSecond;
  private final List<String> requestBodies = new CopyOnWriteArrayList<>();
  private volatile double lastClientCloseAt = Double.NaN;
  private volatile int gateAfterTokens = -1;
  private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
  private HttpServer server;

  public PacedOpenAiServer(Vertx vertx, List<String> tokens, long ttftMs, double tokensPerSecond) {
    this.vertx = vertx;
    this.tokens = List.copyOf(tokens);
    this.ttftMs = ttftMs;
    this.tokensPerSecond = tokensPerSecond;
  }

  public Future<PacedOpenAiServer> start() {
    return vertx.createHttpServer()
        .requestHandler(this::handle)
        .listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return this;
        });
  }

  /**
   * Holds every stream after {@code tokens} tokens until {@code release} completes, so a test can
   * prove something happened while the model was still writing, without relying on timing.
   */
  public void holdAfter(int tokens, CompletableFuture<Void> release) {
    gate = release;
    gateAfterTokens = tokens;
  }

  /** The base URL ending in {@code /v1}, as clients are configured with it. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  public List<String> requestBodies() {
    return List.copyOf(requestBodies);
  }

  /** Monotonic time the client last closed a streaming connection early, NaN if it never did. */
  public double lastClientCloseAt() {
    return lastClientCloseAt;
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void handle(HttpServerRequest request) {
    if (!request.path().endsWith("/chat/completions")) {
      request.response().setStatusCode(404).end("{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
      return;
    }
    request.body().onSuccess(body -> {
      requestBodies.add(body.toString());
      stream(request.response());
    });
  }

  private void stream(HttpServerResponse response) {
    response.setChunked(true)
        .putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache");
    boolean[] finished = {false};
    response.closeHandler(v -> {
      if (!finished[0]) {
        lastClientCloseAt = MonotonicClock.millisPrecise();
      }
    });
    long firstDue = System.nanoTime() + ttftMs * 1_000_000L;
    vertx.setTimer(Math.max(1, ttftMs), t -> sendToken(response, 0, firstDue, finished));
  }

  /**
   * Sends token {@code index}, due at {@code dueNanos}. Each next token is due one interval
   * after this one was due (not after the timer fired), so timer lateness does not add up over
   * hundreds of tokens and the pace holds at any rate, not only at whole milliseconds.
   */
  private void sendToken(HttpServerResponse response, int index, long dueNanos, boolean[] finished) {
    if (response.closed()) {
      return;
    }
    if (index == gateAfterTokens && !gate.isDone()) {
      gate.whenComplete((v, e) -> vertx.runOnContext(x -> sendToken(response, index, System.nanoTime(), finished)));
      return;
    }
    if (index < tokens.size()) {
      response.write(chunk(Map.of("role", "assistant", "content", tokens.get(index)), null));
      long nextDue = dueNanos + Math.round(1_000_000_000.0 / tokensPerSecond);
      long delayMs = Math.max(1, Math.round((nextDue - System.nanoTime()) / 1_000_000.0));
      vertx.setTimer(delayMs, t -> sendToken(response, index + 1, nextDue, finished));
      return;
    }
    finished[0] = true;
    response.write(chunk(Map.of(), "stop"));
    response.write("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":0,"
        + "\"model\":\"bench\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":"
        + tokens.size() + ",\"total_tokens\":" + (tokens.size() + 12) + "}}\n\n");
    response.end("data: [DONE]\n\n");
  }

  private static String chunk(Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new java.util.LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    Map<String, Object> body = Map.of(
        "id", "chatcmpl-bench", "object", "chat.completion.chunk", "created", 0, "model", "bench",
        "choices", List.of(choice));
    try {
      return "data: " + JSON.writeValueAsString(body) + "\n\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
