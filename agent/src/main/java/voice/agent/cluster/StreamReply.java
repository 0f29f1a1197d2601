package voice.agent.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

/**
 * A worker's side of one call: messages go to the caller's stream address in order (all sent
 * from one context), the last marked {@code end}, a failure marked {@code error}; a keep-alive
 * goes out when nothing else did for a while. After {@link #cancel} nothing more is sent.
 */
final class StreamReply {
  private final Vertx vertx;
  private final Context context;
  private final String call;
  private final String replyTo;
  private final Runnable onDone;
  private volatile boolean cancelled;
  private volatile Runnable onCancel = () -> {};
  private volatile java.util.function.Consumer<Object> onInput = body -> {};
  private boolean done;
  private long lastSent = System.nanoTime();

  StreamReply(Vertx vertx, Context context, String call, String replyTo, Runnable onDone) {
    this.vertx = vertx;
    this.context = context;
    this.call = call;
    this.replyTo = replyTo;
    this.onDone = onDone;
  }

  String call() {
    return call;
  }

  /** The caller's stream address, which names its node. */
  String replyTo() {
    return replyTo;
  }

  void send(Object body) {
    context.runOnContext(v -> deliver(body, null));
  }

  void end(Object body) {
    context.runOnContext(v -> deliver(body, "end"));
  }

  void fail(String reason) {
    context.runOnContext(v -> deliver(reason, "error"));
  }

  boolean cancelled() {
    return cancelled;
  }

  void onCancel(Runnable action) {
    onCancel = action;
  }

  /** Where the caller's further messages of this call go (an utterance's audio). */
  void onInput(java.util.function.Consumer<Object> handler) {
    onInput = handler;
  }

  void input(Object body) {
    if (!cancelled) {
      onInput.accept(body);
    }
  }

  /** The caller cancelled, or went away: stop the work, send nothing more. */
  void cancel() {
    cancelled = true;
    onCancel.run();
    context.runOnContext(v -> finish());
  }

  /** On the context: a keep-alive if nothing went out for {@code quietMs}. */
  void keepAlive(long quietMs) {
    if (!done && System.nanoTime() - lastSent > quietMs * 1_000_000) {
      deliver(null, "alive");
    }
  }

  private void deliver(Object body, String kind) {
    if (done || cancelled) {
      return;
    }
    lastSent = System.nanoTime();
    DeliveryOptions options = new DeliveryOptions().addHeader(RemoteStreams.CALL, call);
    if (kind != null) {
      options.addHeader(RemoteStreams.KIND, kind);
    }
    vertx.eventBus().send(replyTo, body, options);
    if ("end".equals(kind) || "error".equals(kind)) {
      finish();
    }
  }

  private void finish() {
    if (!done) {
      done = true;
      onDone.run();
    }
  }
}
