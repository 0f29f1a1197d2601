package voice.tts;

/**
 * Turns text into speech: signed 16-bit little-endian mono PCM at {@link #sampleRate()},
 * handed to an {@link AudioConsumer} in pieces of about 100 ms as soon as they exist.
 */
public interface SpeechEngine {
  /** Samples per second of every piece this engine produces. */
  int sampleRate();

  /**
   * Speaks {@code text}, blocking until its last piece was handed to {@code out}. Never call it
   * on an event loop.
   */
  void synthesize(String text, AudioConsumer out) throws Exception;

  /**
   * Like {@link #synthesize(String, AudioConsumer)}, for a sentence the listener will hear after
   * {@code chunksAhead} others still to be played (0: they are waiting for it now). An engine
   * shared by many conversations serves the smallest first, so that everyone's first sentence
   * comes before anyone's third.
   */
  default void synthesize(String text, AudioConsumer out, int chunksAhead) throws Exception {
    synthesize(text, out);
  }
}
