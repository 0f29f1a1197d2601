package voice.agent.pipeline;

import io.vertx.core.Deployable;
import voice.stt.Recognizer;
import voice.stt.SttOptions;

/**
 * The listening half of a conversation: where its audio comes from, and how it is recognized.
 *
 * @param input the source stage, or null when the caller publishes the frames itself (a WebSocket)
 * @param ownsRecognizer the pipeline closes the recognizer once recognition has stopped
 * @param beside a stage that works with recognition (the wake word), deployed just before it; or null
 */
public record Listening(Recognizer recognizer, SttOptions options, AudioInput input, boolean ownsRecognizer,
    Deployable beside) {

  /** Recognition of {@code input}'s audio; the pipeline closes {@code recognizer} when it is torn down. */
  public static Listening of(Recognizer recognizer, SttOptions options, AudioInput input) {
    return new Listening(recognizer, options, input, true, null);
  }

  /** The same, leaving the recognizer open for the caller (one decoder shared by conversations in turn). */
  public Listening sharingRecognizer() {
    return new Listening(recognizer, options, input, false, beside);
  }

  /** The same, with {@code stage} deployed just before recognition and torn down with the pipeline. */
  public Listening withStageBeside(Deployable stage) {
    return new Listening(recognizer, options, input, ownsRecognizer, stage);
  }
}
