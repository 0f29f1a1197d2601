package voice.agent.satellite;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.function.Consumer;

/**
 * The satellite's connection to a {@code serve}'s {@code /v1/voice}: connects (retrying with
 * backoff while the server cannot be reached or is full), hands on its events and answer audio,
 * and says in one line why it gave up. An API key refused is final: retrying cannot help.
 */
final class SatelliteLink {
  /** Waits between attempts; the last failure after them is the one reported. */
  static final long[] BACKOFF_MS = {500, 1000, 2000, 4000};

  private final Vertx vertx;
  private final URI server;
  private final String apiKey;
  private final WebSocketClient client;
  private volatile WebSocket socket;

  /** @throws IllegalArgumentException for a URL that is not {@code ws://HOST:PORT/PATH} or {@code wss://...} */
  SatelliteLink(Vertx vertx, String serverUrl, String apiKey) {
    this.vertx = vertx;
    this.server = parse(serverUrl);
    this.apiKey = apiKey;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setSsl("wss".equals(server.getScheme())).setMaxFrameSize(1 << 20).setMaxMessageSize(4 << 20));
  }

  static URI parse(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))) {
      throw new IllegalArgumentException("--server must be ws://HOST:PORT/v1/voice (or wss://...), was '" + url + "'");
    }
    return uri;
  }

  /**
   * Connects, trying again after each wait of {@link #BACKOFF_MS}; completes with the reason
   * (one line) when every attempt failed or the key was refused. Handlers are set before the
   * first message can arrive.
   */
  Future<Void> connect(Consumer<JsonObject> events, Consumer<Buffer> audio, Runnable closed) {
    Promise<Void> connected = Promise.promise();
    attempt(0, events, audio, closed, connected);
    return connected.future();
  }

  private void attempt(int tried, Consumer<JsonObject> events, Consumer<Buffer> audio, Runnable closed, Promise<Void> connected) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setAbsoluteURI(withoutServerEchoGate(server));
    if (apiKey != null) {
      options.addHeader("authorization", "Bearer " + apiKey);
    }
    client.connect(options).onComplete(result -> {
      if (result.succeeded()) {
        WebSocket ws = result.result();
        ws.textMessageHandler(text -> events.accept(new JsonObject(text)));
        ws.binaryMessageHandler(audio::accept);
        ws.closeHandler(v -> closed.run());
        socket = ws;
        connected.complete();
        return;
      }
      Throwable failure = result.cause();
      if (failure instanceof UpgradeRejectedException rejected && (rejected.getStatus() == 401 || rejected.getStatus() == 403)) {
        connected.fail(new IllegalStateException("the server at " + server + " refused the API key (HTTP "
            + rejected.getStatus() + ")" + (apiKey == null ? ": give one with --api-key" : "")));
      } else if (tried < BACKOFF_MS.length) {
        vertx.setTimer(BACKOFF_MS[tried], t -> attempt(tried + 1, events, audio, closed, connected));
      } else {
        connected.fail(new IllegalStateException("cannot reach the server at " + server + ": " + reason(failure)));
      }
    });
  }

  /**
   * The satellite's audio went through its own echo gate, and it sends only utterances: the
   * server's gate would lay its answer over them by wall-clock time (it takes the audio for a
   * microphone streamed without gaps) and turn the next one down as echo.
   */
  private static String withoutServerEchoGate(URI server) {
    String query = (server.getRawQuery() == null ? "" : server.getRawQuery() + "&") + "echo_gate=off";
    return server.getScheme() + "://" + server.getRawAuthority() + server.getRawPath() + "?" + query;
  }

  /** Sends 16 kHz mono PCM; dropped while disconnected. */
  void sendAudio(Buffer pcm) {
    WebSocket ws = socket;
    if (ws != null && !ws.isClosed()) {
      ws.writeBinaryMessage(pcm);
    }
  }

  void sendControl(JsonObject message) {
    WebSocket ws = socket;
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage(message.encode());
    }
  }

  URI server() {
    return server;
  }

  Future<Void> close() {
    WebSocket ws = socket;
    socket = null;
    Future<Void> closing = ws == null || ws.isClosed() ? Future.succeededFuture() : ws.close();
    return closing.eventually(client::close);
  }

  private static String reason(Throwable failure) {
    if (failure instanceof UpgradeRejectedException rejected) {
      return "HTTP " + rejected.getStatus() + (rejected.getStatus() == 429 ? " (no voice session free)" : "");
    }
    String message = String.valueOf(failure.getMessage());
    int detail = message.indexOf(':');
    // Netty says "Connection refused: /127.0.0.1:9" : the first part is the reason.
    return (detail > 0 && message.toLowerCase().startsWith("connection refused") ? message.substring(0, detail) : message)
        .toLowerCase();
  }
}
