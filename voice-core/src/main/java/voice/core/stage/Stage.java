package voice.core.stage;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import voice.core.bus.Addresses;
import voice.core.message.TurnCancel;

/**
 * The plumbing every stage of one conversation shares, written once: the {@code scope} and its
 * addresses, the turns seen cancelled (bounded, see {@link RecentIds}), dropping messages of
 * those turns, and the executor the stage's blocking work runs on. The executor is handed in by
 * whoever wires the pipeline, which also shuts it down; a stage never starts a thread itself.
 */
public final class Stage {
  private final String scope;
  private final Executor executor;
  private final RecentIds<TurnCancel.Reason> cancelled = new RecentIds<>();

  private Stage(String scope, Executor executor) {
    this.scope = scope == null ? "" : scope;
    this.executor = executor;
  }

  /** A stage that does no blocking work. */
  public static Stage of(String scope) {
    return new Stage(scope, null);
  }

  /** A stage whose blocking work runs on {@code executor}. */
  public static Stage of(String scope, Executor executor) {
    return new Stage(scope, Objects.requireNonNull(executor, "executor"));
  }

  public String scope() {
    return scope;
  }

  /** {@code base} in this stage's scope. */
  public String address(String base) {
    return Addresses.scoped(base, scope);
  }

  /** The executor handed in for blocking work. */
  public Executor executor() {
    if (executor == null) {
      throw new IllegalStateException("stage " + scope + " was given no executor");
    }
    return executor;
  }

  /** Remembers that {@code cancel}'s turn is cancelled: its later messages are dropped. */
  public void cancel(TurnCancel cancel) {
    cancelled.add(cancel.turn(), cancel.reason());
  }

  public boolean isCancelled(String turn) {
    return cancelled.contains(turn);
  }

  /** Why {@code turn} was cancelled, or null if it was not. */
  public TurnCancel.Reason cancelReason(String turn) {
    return cancelled.get(turn);
  }

  /** Listens on {@code base} in this scope. */
  public <T> MessageConsumer<T> consumer(EventBus bus, String base, Consumer<T> handler) {
    return bus.consumer(address(base), m -> handler.accept(m.body()));
  }

  /** Listens on {@code base} in this scope, dropping messages whose turn ({@code turnOf}) is cancelled. */
  public <T> MessageConsumer<T> turnConsumer(EventBus bus, String base, Function<T, String> turnOf, Consumer<T> handler) {
    return consumer(bus, base, body -> {
      if (!isCancelled(turnOf.apply(body))) {
        handler.accept(body);
      }
    });
  }

  /** Listens for this scope's cancels, remembering each before {@code handler} drops the turn's work. */
  public MessageConsumer<TurnCancel> cancelConsumer(EventBus bus, Consumer<TurnCancel> handler) {
    return consumer(bus, Addresses.TURN_CANCEL, cancel -> {
      cancel(cancel);
      handler.accept(cancel);
    });
  }

  public void publish(EventBus bus, String base, Object message) {
    bus.publish(address(base), message);
  }
}
