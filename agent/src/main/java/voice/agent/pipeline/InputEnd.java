package voice.agent.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import voice.core.bus.Addresses;
import voice.core.message.InputEnded;

/**
 * Knows when a replayed conversation is over: the input is exhausted ({@link InputEnded})
 * and no turn is being answered or spoken. With a live microphone it never completes.
 */
public final class InputEnd {
  /** Time for the last utterance's final transcript to become a turn after the input ended. */
  private static final long SETTLE_MS = 300;

  private final VoicePipeline pipeline;
  private final Promise<Void> finished = Promise.promise();

  private InputEnd(VoicePipeline pipeline) {
    this.pipeline = pipeline;
  }

  public static InputEnd watch(VoicePipeline pipeline) {
    InputEnd end = new InputEnd(pipeline);
    pipeline.vertx().eventBus().<InputEnded>consumer(Addresses.scoped(Addresses.INPUT_ENDED, pipeline.scope()),
        m -> pipeline.vertx().setTimer(SETTLE_MS, t -> end.checkIdle()));
    return end;
  }

  public Future<Void> finished() {
    return finished.future();
  }

  private void checkIdle() {
    if (!pipeline.busy()) {
      finished.tryComplete();
      return;
    }
    pipeline.nextTurnDone().onComplete(done -> pipeline.vertx().setTimer(SETTLE_MS, t -> checkIdle()));
  }
}
