package voice.llm.testserver;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 that answers each request with the next scripted
 * {@link Reply}: a status, headers and a body written in the given pieces at the given pace,
 * then ended, or left hanging. It records every request and notices when a client closes the
 * connection before the reply ended. Self-contained (Vert.x only) so other modules can copy it.
 */
public final class ScriptedHttpServer {
  /** A request as the server received it. */
  public record Recorded(String method, String path, MultiMap headers, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** One scripted answer. */
  public static final class Reply {
    private int status = 200;
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private final List<Buffer> pieces = new ArrayList<>();
    private long firstDelayMs;
    private long paceMs;
    private boolean hang;

    /** A streamed 200 body of the given content type. */
    public static Reply stream(String contentType, String body) {
      Reply reply = new Reply();
      reply.headers.set("content-type", contentType);
      reply.pieces.add(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
      return reply;
    }

    public static Reply sse(String body) {
      return stream("text/event-stream", body);
    }

    public static Reply ndjson(String body) {
      return stream("application/x-ndjson", body);
    }

    /** A whole non-streamed answer, e.g. an error. */
    public static Reply status(int status, String jsonBody) {
      Reply reply = stream("application/json", jsonBody);
      reply.status = status;
      return reply;
    }

    public Reply header(String name, String value) {
      headers.set(name, value);
      return this;
    }

    /** Rewrites the body as pieces of {@code size} bytes, each its own write. */
    public Reply pieces(int size) {
      Buffer all = Buffer.buffer();
      pieces.forEach(all::appendBuffer);
      pieces.clear();
      for (int i = 0; i < all.length(); i += size) {
        pieces.add(all.slice(i, Math.min(all.length(), i + size)).copy());
      }
      return this;
    }

    /** Splits the body at these strings (each split point just after the marker). */
    public Reply splitAfterEach(String marker) {
      String all = body();
      pieces.clear();
      int from = 0;
      int at;
      while ((at = all.indexOf(marker, from)) >= 0) {
        pieces.add(Buffer.buffer(all.substring(from, at + marker.length())));
        from = at + marker.length();
      }
      if (from < all.length()) {
        pieces.add(Buffer.buffer(all.substring(from)));
      }
      return this;
    }

    public Reply firstDelay(long millis) {
      firstDelayMs = millis;
      return this;
    }

    public Reply pace(long millis) {
      paceMs = millis;
      return this;
    }

    /** After the last piece the response is neither ended nor closed. */
    public Reply hang() {
      hang = true;
      return this;
    }

    String body() {
      Buffer all = Buffer.buffer();
      pieces.forEach(all::appendBuffer);
      return all.toString(StandardCharsets.UTF_8);
    }
  }

  private final Vertx vertx;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Promise<Void> firstClientClose = Promise.promise();
  private volatile int clientCloses;
  private HttpServer server;

  private ScriptedHttpServer(Vertx vertx) {
    this.vertx = vertx;
  }

  public static Future<ScriptedHttpServer> start(Vertx vertx) {
    ScriptedHttpServer scripted = new ScriptedHttpServer(vertx);
    scripted.server = vertx.createHttpServer().requestHandler(scripted::handle);
    return scripted.server.listen(0, "127.0.0.1").map(s -> scripted);
  }

  public ScriptedHttpServer enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Recorded> requests() {
    return requests;
  }

  /** How many replies the client cut off by closing the connection. */
  public int clientCloses() {
    return clientCloses;
  }

  /** Completes when a client first closes a connection before its reply ended. */
  public Future<Void> clientClosed() {
    return firstClientClose.future();
  }

  public Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      requests.add(new Recorded(request.method().name(), request.path(), MultiMap.caseInsensitiveMultiMap()
          .addAll(request.headers()), body.toString(StandardCharsets.UTF_8)));
      Reply reply = script.poll();
      HttpServerResponse response = request.response();
      if (reply == null) {
        response.setStatusCode(500).end("{\"error\":{\"type\":\"test_error\",\"message\":\"no scripted reply\"}}");
        return;
      }
      boolean[] ended = {false};
      response.closeHandler(v -> {
        if (!ended[0]) {
          clientCloses++;
          firstClientClose.tryComplete();
        }
      });
      response.setStatusCode(reply.status).headers().addAll(reply.headers);
      response.setChunked(true);
      writeFrom(response, reply, 0, ended, reply.firstDelayMs);
    });
  }

  private void writeFrom(HttpServerResponse response, Reply reply, int index, boolean[] ended, long delay) {
    Runnable next = () -> {
      if (response.closed()) {
        return;
      }
      if (index == reply.pieces.size()) {
        if (!reply.hang) {
          ended[0] = true;
          response.end();
        }
        return;
      }
      response.write(reply.pieces.get(index));
      writeFrom(response, reply, index + 1, ended, reply.paceMs);
    };
    if (delay > 0) {
      vertx.setTimer(delay, id -> next.run());
    } else {
      vertx.runOnContext(v -> next.run());
    }
  }
}
