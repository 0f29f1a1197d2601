package voice.agent.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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

  private final VoicePipeline pipeline;
  private final Promise<Void> finished = Promise.promise();
  private volatile boolean heardSpeech;

  private InputEnd(VoicePipeline pipeline) {
    this.pipeline = pipeline;
  }

  public static InputEnd watch(VoicePipeline pipeline) {
    InputEnd end = new InputEnd(pipeline);
    var bus = pipeline.vertx().eventBus();
    bus.<Transcript>consumer(Addresses.scoped(Addresses.STT_FINAL, pipeline.scope()), m -> {
      if (!Objects.toString(m.body().text(), "").isBlank()) {
        end.heardSpeech = true;
      }
    });
    bus.<InputEnded>consumer(Addresses.scoped(Addresses.INPUT_ENDED, pipeline.scope()),
        m -> pipeline.vertx().setTimer(SETTLE_MS, t -> end.checkIdle()));
    return end;
  }

  /** Whether any utterance was recognized as words (not only noise). */
  public boolean heardSpeech() {
    return heardSpeech;
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
