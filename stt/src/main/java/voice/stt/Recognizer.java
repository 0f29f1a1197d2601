package voice.stt;

/**
 * A streaming speech recognizer for 16 kHz mono 16-bit audio. One instance decodes one
 * utterance at a time and is not thread-safe: a single thread calls it. Start-up is expensive
 * (a decoder loads its model), so one instance serves many utterances.
 */
public interface Recognizer extends AutoCloseable {
  /** The engine's name as the user selects it: {@code pocketsphinx} or {@code vosk}. */
  String engine();

  /** Begins a new utterance; word times of its result count from here. */
  void startUtterance();

  /**
   * Decodes {@code len} samples of {@code pcm16kMono} from {@code off} and returns the current
   * partial hypothesis (possibly unchanged or empty).
   */
  Hypothesis accept(short[] pcm16kMono, int off, int len);

  /** Ends the utterance and returns its final hypothesis, with word timings when available. */
  Hypothesis endUtterance();

  /**
   * Forgets what earlier audio taught the engine (PocketSphinx adapts its channel normalization
   * as it listens), so the next utterance is decoded as if it were the first: for audio from
   * another source, such as the next file. Ends an utterance in progress without a result.
   */
  void reset();

  /** Frees the engine; the instance is unusable afterwards. */
  @Override
  void close();
}
