package voice.tts;

/**
 * Receives the pieces of synthesized PCM of one {@link SpeechEngine#synthesize} call, in order.
 * A consumer that no longer wants audio throws (e.g. a {@code CancellationException}): the
 * engine then stops early and {@code synthesize} throws that exception.
 */
@FunctionalInterface
public interface AudioConsumer {
  /** One piece of signed 16-bit little-endian mono PCM; the array is the consumer's to keep. */
  void accept(byte[] pcm);
}
