package voice.llm;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.core.message.TurnCancel;
import voice.core.stage.Stage;

/**
 * The model stage of one conversation: answers each {@link LlmRequest} of its scope with the
 * client's {@link LlmEvent}s on {@code voice.llm.event} (the event projector makes the public
 * {@code llm.*} events of them); a {@link TurnCancel} cancels the running call (upstream closed)
 * and any later request of that turn is ignored.
 */
public final class LlmVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LlmVerticle.class);

  private final LlmClient client;
  private final Stage stage;
  private final Map<String, LlmCall> running = new HashMap<>();
  /** Turns whose stream has not ended yet: nothing of a turn is delivered after its end. */
  private final Set<String> open = new HashSet<>();
  private MessageConsumer<LlmRequest> requests;
  private MessageConsumer<TurnCancel> cancels;

  public LlmVerticle(LlmClient client, String scope) {
    this.client = client;
    this.stage = Stage.of(scope);
  }

  @Override
  public Future<?> start() {
    Codecs.register(vertx);
    EventBus bus = vertx.eventBus();
    requests = stage.turnConsumer(bus, Addresses.LLM_REQUEST, LlmRequest::turn, this::onRequest);
    cancels = stage.cancelConsumer(bus, this::onCancel);
    return requests.completion().compose(v -> cancels.completion());
  }

  @Override
  public Future<?> stop() {
    running.values().forEach(LlmCall::cancel);
    running.clear();
    return Future.succeededFuture();
  }

  private void onRequest(LlmRequest request) {
    String turn = request.turn();
    if (running.containsKey(turn)) {
      return;
    }
    open.add(turn);
    LlmCall call = client.stream(request, event -> {
      if (Vertx.currentContext() == context) {
        deliver(event);
      } else {
        context.runOnContext(v -> deliver(event));
      }
    });
    if (open.contains(turn)) {
      running.put(turn, call); // not when the client already ended the turn synchronously
    }
  }

  private void deliver(LlmEvent event) {
    String turn = event.turn();
    if (stage.isCancelled(turn) || !open.contains(turn)) {
      return;
    }
    stage.publish(vertx.eventBus(), Addresses.LLM_EVENT, event);
    if (event instanceof LlmEvent.BlockDelta delta && delta.type() == LlmEvent.BlockType.thinking) {
      LOG.debug("turn {} thinking: {}", turn, delta.text()); // never spoken; visible with VOICE_AGENT_LOG=DEBUG
    }
    if (event instanceof LlmEvent.LlmError || event instanceof LlmEvent.MessageStop stop && stop.endOfTurn()) {
      running.remove(turn);
      open.remove(turn);
    }
  }

  private void onCancel(TurnCancel cancel) {
    open.remove(cancel.turn());
    LlmCall call = running.remove(cancel.turn());
    if (call != null) {
      call.cancel();
    }
  }
}
