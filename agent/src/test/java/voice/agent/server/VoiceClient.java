package voice.agent.server;

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
import java.util.function.Predicate;

/** A program talking to /v1/voice: Vert.x's WebSocket client, recording every event and counting audio. */
final class VoiceClient implements AutoCloseable {
  final List<JsonObject> events = new CopyOnWriteArrayList<>();
  final AtomicLong audioBytes = new AtomicLong();
  final AtomicLong audioFrames = new AtomicLong();
  private final Vertx vertx;
  private final WebSocket socket;
  /**
   * Held for the socket's life: Vert.x closes a client that is no longer referenced, and an
   * unreferenced one was closed mid-handshake by the garbage collector.
   */
  private final WebSocketClient client;

  private VoiceClient(Vertx vertx, WebSocket socket, WebSocketClient client) {
    this.vertx = vertx;
    this.socket = socket;
    this.client = client;
    socket.textMessageHandler(text -> events.add(new JsonObject(text)));
    socket.binaryMessageHandler(pcm -> {
      audioFrames.incrementAndGet();
      audioBytes.addAndGet(pcm.length());
    });
  }

  static Future<VoiceClient> connect(Vertx vertx, int port, String key) {
    return connect(vertx, port, key, "/v1/voice");
  }

  /** @param uri the endpoint with its query, e.g. {@code /v1/voice?echo_gate=off} */
  static Future<VoiceClient> connect(Vertx vertx, int port, String key, String uri) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    if (key != null) {
      options.addHeader("authorization", "Bearer " + key);
    }
    WebSocketClient client = vertx.createWebSocketClient();
    return client.connect(options).map(ws -> new VoiceClient(vertx, ws, client));
  }

  static VoiceClient open(Vertx vertx, int port, String key) throws InterruptedException {
    VoiceClient client = connect(vertx, port, key).await();
    client.await("session.start", e -> e.getString("type").equals("session.start"));
    return client;
  }

  /** Sends {@code pcm} as a microphone would: 100 ms frames, every 100 ms. */
  Future<Void> sendRealtime(short[] pcm) {
    Promise<Void> done = Promise.promise();
    int frame = 1600;
    int[] at = {0};
    vertx.setPeriodic(0, 100, id -> {
      if (at[0] >= pcm.length || socket.isClosed()) {
        vertx.cancelTimer(id);
        done.tryComplete();
        return;
      }
      int end = Math.min(pcm.length, at[0] + frame);
      socket.writeBinaryMessage(Buffer.buffer(SpeechAudio.bytes(pcm, at[0], end)));
      at[0] = end;
    });
    return done.future();
  }

  void sendText(String message) {
    socket.writeTextMessage(message).await();
  }

  void sendBinary(byte[] bytes) {
    socket.writeBinaryMessage(Buffer.buffer(bytes)).await();
  }

  boolean isClosed() {
    return socket.isClosed();
  }

  Short closeStatus() {
    return socket.closeStatusCode();
  }

  String closeReason() {
    return socket.closeReason();
  }

  /** The first event that matches, waiting for it (bounded, not a timing assertion). */
  JsonObject await(String what, Predicate<JsonObject> match) throws InterruptedException {
    return awaitAfter(0, what, match);
  }

  /** The first matching event from index {@code from} on. */
  JsonObject awaitAfter(int from, String what, Predicate<JsonObject> match) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      for (int i = from; i < events.size(); i++) {
        if (match.test(events.get(i))) {
          return events.get(i);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " event within 60 s; got " + types());
      }
      Thread.sleep(20);
    }
  }

  static Predicate<JsonObject> type(String type) {
    return e -> type.equals(e.getString("type"));
  }

  List<String> types() {
    return events.stream().map(e -> e.getString("type")).toList();
  }

  List<JsonObject> ofType(String type) {
    return events.stream().filter(type(type)).toList();
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close().await();
    }
    client.close().await();
  }
}
