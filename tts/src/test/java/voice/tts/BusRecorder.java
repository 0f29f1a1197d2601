package voice.tts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.event.EventProjector;
import voice.core.message.AudioChunk;

/**
 * Records what a {@link TtsVerticle} publishes in one scope (audio and events), in arrival
 * order, and lets a test block until a message it expects has arrived.
 */
final class BusRecorder {
  /** Generous: a safety net against a hang, never a timing assertion. */
  static final long WAIT_SECONDS = 60;

  private final List<Object> messages = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();

  private record Waiter(Predicate<Object> match, CompletableFuture<Void> arrived) {}

  BusRecorder(Vertx vertx, String scope) throws Exception {
    Future.all(
        vertx.eventBus().<AudioChunk>consumer(Addresses.scoped(Addresses.AUDIO_OUT, scope), m -> record(m.body())).completion(),
        vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> record(m.body())).completion())
        .toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    // The public events come from the projector at the edge, as in the application.
    vertx.deployVerticle(new EventProjector(scope)).toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  private synchronized void record(Object message) {
    messages.add(message);
    waiters.removeIf(w -> w.match.test(message) && w.arrived.complete(null));
  }

  /** Blocks until a message matching {@code match} has arrived. */
  void await(Predicate<Object> match) throws Exception {
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    synchronized (this) {
      if (messages.stream().anyMatch(match)) {
        return;
      }
      waiters.add(new Waiter(match, arrived));
    }
    try {
      arrived.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("expected message never came; got " + summary());
    }
  }

  private synchronized String summary() {
    return messages.stream().map(m -> m instanceof AudioChunk a
        ? "audio(" + a.turn() + "," + a.index() + "," + a.pcm().length() + (a.chunkEnd() ? ",end" : "") + (a.last() ? ",last" : "") + ")"
        : m.toString()).toList().toString();
  }

  synchronized List<Object> messages() {
    return List.copyOf(messages);
  }

  synchronized List<AudioChunk> audio(String turn) {
    return messages.stream().filter(m -> m instanceof AudioChunk a && a.turn().equals(turn))
        .map(AudioChunk.class::cast).toList();
  }

  synchronized List<AgentEvent> events(String turn) {
    return messages.stream().filter(m -> m instanceof AgentEvent e && e.turn().equals(turn))
        .map(AgentEvent.class::cast).toList();
  }

  static Predicate<Object> chunkEnd(String turn, int index) {
    return m -> m instanceof AudioChunk a && a.turn().equals(turn) && a.index() == index && a.chunkEnd();
  }

  static Predicate<Object> audioOf(String turn) {
    return m -> m instanceof AudioChunk a && a.turn().equals(turn);
  }

  static Predicate<Object> last(String turn) {
    return m -> m instanceof AudioChunk a && a.turn().equals(turn) && a.last();
  }
}
