package voice.llm.testserver;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted OpenAI-compatible server on 127.0.0.1: {@code POST /v1/chat/completions} streams
 * Chat Completions chunks exactly as the API does (role chunk, content chunks, finish_reason
 * chunk, the usage chunk, {@code [DONE]}), after a configurable time to first token and at a
 * configurable token pace. Answers are queued ({@link #answer}, {@link #toolCall},
 * {@link #fail}); when the queue is empty the default answer is streamed. It records each
 * request and whether the client closed the connection before the answer ended.
 * Self-contained (Vert.x only), so other modules can copy it into their tests.
 */
public final class OpenAiTestServer {
  /** A received request: its headers and JSON body. */
  public record Received(MultiMap headers, JsonObject body) {}

  private sealed interface Script {}

  private record Tokens(List<String> tokens) implements Script {}

  private record ToolUse(String id, String name, String argumentsJson) implements Script {}

  private record Failure(int status, String type, String message, String retryAfter) implements Script {}

  private final Vertx vertx;
  private final Queue<Script> queue = new ConcurrentLinkedQueue<>();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private final Promise<Void> firstClose = Promise.promise();
  private volatile int clientCloses;
  private volatile List<String> defaultTokens = words("Hello from the test server.");
  private volatile long ttftMs = 0;
  private volatile long paceMs = 0;
  private volatile String model = "test-model";
  private HttpServer server;

  private OpenAiTestServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public static Future<OpenAiTestServer> start(Vertx vertx) {
    OpenAiTestServer s = new OpenAiTestServer(vertx);
    s.server = vertx.createHttpServer().requestHandler(s::handle);
    return s.server.listen(0, "127.0.0.1").map(x -> s);
  }

  /** The base URL as the official SDKs take it, ending in {@code /v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  public int port() {
    return server.actualPort();
  }

  public OpenAiTestServer ttftMillis(long millis) {
    ttftMs = millis;
    return this;
  }

  public OpenAiTestServer paceMillis(long millisPerToken) {
    paceMs = millisPerToken;
    return this;
  }

  public OpenAiTestServer defaultAnswer(List<String> tokens) {
    defaultTokens = List.copyOf(tokens);
    return this;
  }

  public OpenAiTestServer answer(List<String> tokens) {
    queue.add(new Tokens(List.copyOf(tokens)));
    return this;
  }

  public OpenAiTestServer answer(String text) {
    return answer(words(text));
  }

  /** The next answer is a call of tool {@code name}, its arguments streamed in small fragments. */
  public OpenAiTestServer toolCall(String id, String name, String argumentsJson) {
    queue.add(new ToolUse(id, name, argumentsJson));
    return this;
  }

  /** The next request gets this status with an OpenAI error body (and retry-after if not null). */
  public OpenAiTestServer fail(int status, String message, String retryAfter) {
    queue.add(new Failure(status, "server_error", message, retryAfter));
    return this;
  }

  public List<Received> requests() {
    return requests;
  }

  public int clientCloses() {
    return clientCloses;
  }

  public Future<Void> clientClosed() {
    return firstClose.future();
  }

  public Future<Void> close() {
    return server.close();
  }

  /** Splits text into word tokens that keep their leading space, as tokenizers do. */
  public static List<String> words(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = Pattern.compile("\\s*\\S+").matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      HttpServerResponse response = request.response();
      if (!request.path().endsWith("/chat/completions")) {
        response.setStatusCode(404).end("{\"error\":{\"message\":\"not found\",\"type\":\"invalid_request_error\"}}");
        return;
      }
      JsonObject json = body.toJsonObject();
      requests.add(new Received(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), json));
      Script script = queue.poll();
      if (script == null) {
        script = new Tokens(defaultTokens);
      }
      if (script instanceof Failure f) {
        if (f.retryAfter() != null) {
          response.putHeader("retry-after", f.retryAfter());
        }
        response.setStatusCode(f.status()).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", new JsonObject().put("message", f.message()).put("type", f.type())
                .put("code", null)).encode());
        return;
      }
      boolean[] ended = {false};
      response.closeHandler(v -> {
        if (!ended[0]) {
          clientCloses++;
          firstClose.tryComplete();
        }
      });
      response.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
      List<String> events = script instanceof Tokens t ? textEvents(t.tokens()) : toolEvents((ToolUse) script);
      send(response, events, 0, ended, ttftMs);
    });
  }

  private void send(HttpServerResponse response, List<String> events, int index, boolean[] ended, long delay) {
    vertx.setTimer(Math.max(1, delay), id -> {
      if (response.closed()) {
        return;
      }
      if (index == events.size()) {
        ended[0] = true;
        response.end();
        return;
      }
      response.write("data: " + events.get(index) + "\n\n");
      // The role chunk and the trailing chunks go out without waiting; tokens at the pace.
      boolean nextIsToken = index + 1 < events.size() - 3;
      send(response, events, index + 1, ended, nextIsToken && index > 0 ? paceMs : 0);
    });
  }

  private JsonObject chunk(JsonObject delta, String finishReason) {
    return new JsonObject().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
        .put("created", System.currentTimeMillis() / 1000).put("model", model).put("system_fingerprint", null)
        .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
            .put("logprobs", null).put("finish_reason", finishReason)));
  }

  private List<String> textEvents(List<String> tokens) {
    List<String> events = new ArrayList<>();
    events.add(chunk(new JsonObject().put("role", "assistant").put("content", ""), null).encode());
    for (String token : tokens) {
      events.add(chunk(new JsonObject().put("content", token), null).encode());
    }
    return finish(events, "stop", tokens.size());
  }

  private List<String> toolEvents(ToolUse call) {
    List<String> events = new ArrayList<>();
    events.add(chunk(new JsonObject().put("role", "assistant").put("content", null), null).encode());
    events.add(chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
        .put("id", call.id()).put("type", "function")
        .put("function", new JsonObject().put("name", call.name()).put("arguments", "")))), null).encode());
    String args = call.argumentsJson();
    for (int i = 0; i < args.length(); i += 4) {
      events.add(chunk(new JsonObject().put("tool_calls", new JsonArray().add(new JsonObject().put("index", 0)
          .put("function", new JsonObject().put("arguments", args.substring(i, Math.min(args.length(), i + 4)))))), null)
          .encode());
    }
    return finish(events, "tool_calls", 10);
  }

  private List<String> finish(List<String> events, String finishReason, int completionTokens) {
    events.add(chunk(new JsonObject(), finishReason).encode());
    events.add(new JsonObject().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
        .put("created", System.currentTimeMillis() / 1000).put("model", model).put("choices", new JsonArray())
        .put("usage", new JsonObject().put("prompt_tokens", 12).put("completion_tokens", completionTokens)
            .put("total_tokens", 12 + completionTokens)).encode());
    events.add("[DONE]");
    return events;
  }
}
