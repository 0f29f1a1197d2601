package voice.agent.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One simulated caller of the load benchmark: speaks a recording in real time and records what comes back. */
final class LoadClient {
  final List<JsonObject> events = new CopyOnWriteArrayList<>();
  final AtomicLong audioBytes = new AtomicLong();
  final Promise<JsonObject> metrics = Promise.promise();
  final Promise<String> session = Promise.promise();
  private final Vertx vertx;
  private final WebSocket socket;
  /**
   * Held for the socket's life: Vert.x closes a client that is no longer referenced, and an
   * unreferenced one was closed mid-handshake by the garbage collector.
   */
  private final WebSocketClient client;

  private LoadClient(Vertx vertx, WebSocket socket, WebSocketClient client) {
    this.vertx = vertx;
    this.socket = socket;
    this.client = client;
    socket.textMessageHandler(text -> {
      JsonObject event = new JsonObject(text);
      events.add(event);
      switch (event.getString("type")) {
        case "session.start" -> session.tryComplete(event.getString("session"));
        case "metrics" -> metrics.tryComplete(event);
        default -> { }
      }
    });
    socket.binaryMessageHandler(pcm -> audioBytes.addAndGet(pcm.length()));
  }

  static Future<LoadClient> connect(Vertx vertx, int port) {
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/v1/voice"))
        .map(ws -> new LoadClient(vertx, ws, client));
  }

  /** Sends {@code pcm} (16 kHz mono 16-bit little-endian) in 100 ms frames, one every 100 ms. */
  Future<Void> speak(byte[] pcm) {
    Promise<Void> done = Promise.promise();
    int frame = 3200;
    int[] at = {0};
    vertx.setPeriodic(0, 100, id -> {
      if (at[0] >= pcm.length || socket.isClosed()) {
        vertx.cancelTimer(id);
        done.tryComplete();
        return;
      }
      int end = Math.min(pcm.length, at[0] + frame);
      socket.writeBinaryMessage(Buffer.buffer(java.util.Arrays.copyOfRange(pcm, at[0], end)));
      at[0] = end;
    });
    return done.future();
  }

  List<JsonObject> ofType(String type) {
    return events.stream().filter(e -> type.equals(e.getString("type"))).toList();
  }

  Future<Void> close() {
    return (socket.isClosed() ? Future.<Void>succeededFuture() : socket.close()).eventually(client::close);
  }
}
