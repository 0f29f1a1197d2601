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
}
