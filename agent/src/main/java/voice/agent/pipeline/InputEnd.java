package voice.agent.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Objects;
import voice.core.bus.Addresses;
import voice.core.message.InputEnded;
import voice.core.message.Transcript;

/**
 * Knows when a replayed conversation is over: the input is exhausted ({@link InputEnded})
 * and no turn is being answered or spoken. With a live microphone it never completes.
 */
public final class InputEnd {
  /** Time for the last utterance's final transcript to become a turn after the input ended. */
  private static final long SETTLE_MS = 300;

  private final Vertx vertx;
  private final Promise<Void> finished = Promise.promise();
  private volatile boolean heardSpeech;
  private volatile boolean inputEnded;
  private volatile VoicePipeline pipeline;

  private InputEnd(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts watching {@code scope}'s input; call before the pipeline starts, so its end is never missed. */
  public static InputEnd watch(Vertx vertx, String scope) {
    InputEnd end = new InputEnd(vertx);
    var bus = vertx.eventBus();
    bus.<Transcript>consumer(Addresses.scoped(Addresses.STT_FINAL, scope), m -> {
      if (!Objects.toString(m.body().text(), "").isBlank()) {
        end.heardSpeech = true;
      }
    });
    bus.<InputEnded>consumer(Addresses.scoped(Addresses.INPUT_ENDED, scope),
        m -> vertx.setTimer(SETTLE_MS, t -> {
          end.inputEnded = true;
          end.checkIdle();
        }));
    return end;
  }

  /** Whether any utterance was recognized as words (not only noise). */
  public boolean heardSpeech() {
    return heardSpeech;
  }

  /** Completes once the input has ended and {@code pipeline} has no turn left to answer or speak. */
  public Future<Void> finished(VoicePipeline pipeline) {
    this.pipeline = pipeline;
    vertx.runOnContext(v -> checkIdle());
    return finished.future();
  }

  private void checkIdle() {
    VoicePipeline p = pipeline;
    if (p == null || !inputEnded || finished.future().isComplete()) {
      return;
    }
    if (!p.busy()) {
      finished.tryComplete();
      return;
    }
    p.nextTurnDone().onComplete(done -> vertx.setTimer(SETTLE_MS, t -> checkIdle()));
  }
}
