package voice.stt.wake;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import voice.core.bus.Addresses;
import voice.core.event.MonotonicClock;
import voice.core.message.LlmRequest;
import voice.core.message.TurnDone;
import voice.core.message.WakeDetected;
import voice.core.stage.Stage;
import voice.stt.Recognizer;

/**
 * The wake word of one conversation scope: {@link #wrap} makes the scope's recognizer hear only
 * what is addressed to the device; this verticle keeps the {@link WakeState} up to date from the
 * conversation's answers ({@link LlmRequest} starts one, {@link TurnDone} ends it) and publishes
 * a {@link WakeDetected} (public event {@code wake.detected}, field {@code phrase}) at each detection.
 */
public final class WakeWordVerticle extends VerticleBase {
  private final WakeWordSettings settings;
  private final WakeWordDetector spotter;
  private final WakeState state;
  private final Stage stage;
  private volatile Context eventLoop;
  private List<MessageConsumer<?>> consumers = List.of();

  /** @param spotter opened by {@link WakeWordDetector#open} (it loads a model, so the caller picks the thread) */
  public WakeWordVerticle(WakeWordSettings settings, WakeWordDetector spotter, String scope) {
    this.settings = settings;
    this.spotter = spotter;
    this.state = new WakeState(settings.followUpMs(), MonotonicClock::millis);
    this.stage = Stage.of(scope);
  }

  /** {@code inner} gated by the wake word; closing the result closes the spotter too. Use one recognizer per verticle. */
  public Recognizer wrap(Recognizer inner) {
    return new WakeWordRecognizer(inner, spotter, state, this::detected);
  }

  @Override
  public Future<?> start() {
    eventLoop = context;
    var bus = vertx.eventBus();
    consumers = List.of(
        stage.<LlmRequest>consumer(bus, Addresses.LLM_REQUEST, r -> state.answerStarted(r.turn())),
        stage.<TurnDone>consumer(bus, Addresses.TURN_DONE, d -> state.answerEnded(d.turn())));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList());
  }

  /** Called on the decoding thread: the event goes out from this verticle's event loop. */
  private void detected() {
    Context context = eventLoop;
    if (context != null) {
      context.runOnContext(v -> stage.publish(vertx.eventBus(), Addresses.WAKE_DETECTED,
          new WakeDetected(settings.phrase())));
    }
  }
}
