package voice.agent.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import voice.core.bus.Addresses;
import voice.core.message.TurnCancel;

/**
 * The gateway's end of remote work: a call is a point-to-point request to a role's address
 * (Vert.x picks one of the members that serve it, round robin), which the worker accepts with
 * its node id or refuses as busy (failure code 429); the worker then streams the call's
 * messages to this node's own stream address, with a keep-alive while it has nothing to send.
 * A call that hears nothing for {@link #STALL_MS} has lost its worker (killed, cut off).
 */
public final class RemoteStreams {
  /** Headers of every stream message. */
  static final String CALL = "call";
  static final String REPLY_TO = "reply-to";
  /** {@code alive} (keep-alive, no body), {@code end} (the last message), {@code error} (body: the reason). */
  static final String KIND = "kind";
  static final int BUSY = 429;
  static final long ACCEPT_TIMEOUT_MS = 2_000;
  static final long KEEP_ALIVE_MS = 500;
  static final long STALL_MS = 3_000;

  /** What happens to one call; callbacks come one at a time, on the event loop. */
  public interface Listener {
    void onMessage(Object body);

    void onEnd();

    /** The call failed: {@code retryable} when another member may well succeed (lost, busy, no answer). */
    void onFailure(String reason, boolean busy, boolean retryable);
  }

  /** A running call: cancel tells its worker to stop, and nothing more is delivered. */
  public interface Handle {
    void cancel();

    /**
     * Sends {@code body} to the call's worker at {@code base} scoped by its node id, in order
     * (held until the worker has accepted the call); from any thread.
     */
    void send(String base, Object body);
  }

  private final Vertx vertx;
  /** Every callback runs here, so a call's callbacks never overlap. */
  private final Context context;
  private final String address;
  private final Map<String, Call> calls = new ConcurrentHashMap<>();

  private RemoteStreams(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.address = Addresses.scoped(Addresses.CLUSTER_STREAM, nodeId);
  }

  /** Listens on this node's stream address; one per gateway process. */
  public static Future<RemoteStreams> start(Vertx vertx, String nodeId) {
    RemoteStreams streams = new RemoteStreams(vertx, nodeId);
    Promise<Void> listening = Promise.promise();
    streams.context.runOnContext(v -> {
      vertx.setPeriodic(KEEP_ALIVE_MS, id -> streams.failStalled());
      vertx.eventBus().consumer(streams.address, streams::onStream).completion().onComplete(listening);
    });
    return listening.future().map(v -> streams);
  }

  public Handle open(String roleAddress, Object body, Listener listener) {
    String id = UUID.randomUUID().toString();
    Call call = new Call(listener);
    calls.put(id, call);
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ACCEPT_TIMEOUT_MS)
        .addHeader(CALL, id).addHeader(REPLY_TO, address);
    context.runOnContext(v -> vertx.eventBus().<String>request(roleAddress, body, options).onComplete(accepted -> {
      if (accepted.succeeded()) {
        call.worker = accepted.result().body();
        call.lastHeard = System.nanoTime();
        if (call.cancelled) {
          cancelOn(call.worker, id); // cancelled while the worker was accepting it
        }
        call.held.forEach(Runnable::run);
        call.held.clear();
      } else if (calls.remove(id) != null) {
        failAccept(call, roleAddress, accepted.cause());
      }
    }));
    return new Handle() {
      @Override
      public void cancel() {
        call.cancelled = true;
        if (calls.remove(id) != null && call.worker != null) {
          cancelOn(call.worker, id);
        }
      }

      @Override
      public void send(String base, Object message) {
        context.runOnContext(v -> {
          Runnable sending = () -> vertx.eventBus().send(Addresses.scoped(base, call.worker), message,
              new DeliveryOptions().addHeader(CALL, id));
          if (call.worker != null) {
            sending.run();
          } else {
            call.held.add(sending);
          }
        });
      }
    };
  }

  private void cancelOn(String worker, String id) {
    vertx.eventBus().send(Addresses.scoped(Addresses.CLUSTER_CANCEL, worker), new TurnCancel(id, TurnCancel.Reason.cancelled));
  }

  private void failAccept(Call call, String roleAddress, Throwable cause) {
    String role = roleAddress.substring(roleAddress.lastIndexOf('.') + 1);
    if (cause instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      call.listener.onFailure("no cluster member offers " + role + " now", true, false);
    } else if (cause instanceof ReplyException reply && reply.failureCode() == BUSY) {
      call.listener.onFailure("every " + role + " member is busy", true, true);
    } else {
      call.listener.onFailure("a " + role + " member did not accept the work: " + cause.getMessage(), false, true);
    }
  }

  private void onStream(Message<Object> message) {
    String id = message.headers().get(CALL);
    Call call = id == null ? null : calls.get(id);
    if (call == null) {
      return; // cancelled, failed over, or finished: late messages are dropped
    }
    call.lastHeard = System.nanoTime();
    String kind = message.headers().get(KIND);
    if ("alive".equals(kind)) {
      return;
    }
    if ("error".equals(kind)) {
      calls.remove(id);
      call.listener.onFailure(String.valueOf(message.body()), false, false);
      return;
    }
    call.listener.onMessage(message.body());
    if ("end".equals(kind)) {
      calls.remove(id);
      call.listener.onEnd();
    }
  }

  private void failStalled() {
    long now = System.nanoTime();
    calls.forEach((id, call) -> {
      if (call.worker != null && now - call.lastHeard > STALL_MS * 1_000_000 && calls.remove(id) != null) {
        call.listener.onFailure("the member serving it went silent for " + STALL_MS / 1000 + " s", false, true);
      }
    });
  }

  private static final class Call {
    final Listener listener;
    volatile String worker;
    volatile boolean cancelled;
    /** What was sent before the worker accepted: sent, in order, when it has (on the context). */
    final java.util.List<Runnable> held = new java.util.ArrayList<>();
    volatile long lastHeard = System.nanoTime();

    Call(Listener listener) {
      this.listener = listener;
    }
  }
}
