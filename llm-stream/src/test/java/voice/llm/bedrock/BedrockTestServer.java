package voice.llm.bedrock;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Bedrock runtime endpoint on 127.0.0.1: answers each ConverseStream request with the next
 * scripted event stream, written in pieces of a given size, optionally left hanging; records
 * the requests and notices when the client closes a connection before the stream ended.
 */
final class BedrockTestServer {
  record Recorded(String path, MultiMap headers, JsonObject json) {}

  /** One scripted answer: frames of {@link EventStreamFrames}, or an HTTP error. */
  static final class Reply {
    final List<Buffer> frames = new ArrayList<>();
    int status = 200;
    int pieceSize;
    boolean hang;

    static Reply of(Buffer... frames) {
      Reply reply = new Reply();
      reply.frames.addAll(List.of(frames));
      return reply;
    }

    static Reply status(int status, String errorType, String message) {
      Reply reply = new Reply();
      reply.status = status;
      reply.frames.add(Buffer.buffer("{\"message\":\"" + message + "\"}"));
      reply.errorType = errorType;
      return reply;
    }

    String errorType;

    /** Writes the whole stream in pieces of {@code size} bytes, cutting frames anywhere. */
    Reply pieces(int size) {
      pieceSize = size;
      return this;
    }

    Reply hang() {
      hang = true;
      return this;
    }
  }

  private final Vertx vertx;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Promise<Void> clientClosed = Promise.promise();
  private HttpServer server;

  private BedrockTestServer(Vertx vertx) {
    this.vertx = vertx;
  }

  static Future<BedrockTestServer> start(Vertx vertx) {
    BedrockTestServer test = new BedrockTestServer(vertx);
    test.server = vertx.createHttpServer().requestHandler(test::handle);
    return test.server.listen(0, "127.0.0.1").map(s -> test);
  }

  BedrockTestServer enqueue(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  Future<Void> clientClosed() {
    return clientClosed.future();
  }

  Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      requests.add(new Recorded(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()),
          body.length() == 0 ? new JsonObject() : body.toJsonObject()));
      Reply reply = script.poll();
      HttpServerResponse response = request.response();
      if (reply == null || reply.status != 200) {
        response.setStatusCode(reply == null ? 500 : reply.status).putHeader("content-type", "application/json")
            .putHeader("x-amzn-ErrorType", reply == null ? "InternalServerException" : reply.errorType)
            .end(reply == null ? Buffer.buffer("{\"message\":\"no scripted reply\"}") : reply.frames.get(0));
        return;
      }
      boolean[] ended = {false};
      response.closeHandler(v -> {
        if (!ended[0]) {
          clientClosed.tryComplete();
        }
      });
      response.setChunked(true).putHeader("content-type", "application/vnd.amazon.eventstream")
          .putHeader("x-amzn-RequestId", "req-" + requests.size());
      Buffer all = Buffer.buffer();
      reply.frames.forEach(all::appendBuffer);
      List<Buffer> pieces = new ArrayList<>();
      int size = reply.pieceSize > 0 ? reply.pieceSize : Math.max(1, all.length());
      for (int i = 0; i < all.length(); i += size) {
        pieces.add(all.slice(i, Math.min(all.length(), i + size)).copy());
      }
      write(response, pieces, 0, reply.hang, ended);
    });
  }

  private void write(HttpServerResponse response, List<Buffer> pieces, int index, boolean hang, boolean[] ended) {
    if (response.closed()) {
      return;
    }
    if (index == pieces.size()) {
      if (!hang) {
        ended[0] = true;
        response.end();
      }
      return;
    }
    response.write(pieces.get(index)).onComplete(v -> vertx.runOnContext(x -> write(response, pieces, index + 1, hang, ended)));
  }
}
