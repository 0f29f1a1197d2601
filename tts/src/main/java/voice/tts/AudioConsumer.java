package voice.tts;

/** Receives the pieces of synthesized PCM of one {@link SpeechEngine#synthesize} call, in order. */
@FunctionalInterface
public interface AudioConsumer {
  /** One piece of signed 16-bit little-endian mono PCM; the array is the consumer's to keep. */
  void accept(byte[] pcm);
}
