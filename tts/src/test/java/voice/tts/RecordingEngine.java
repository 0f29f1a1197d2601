package voice.tts;

import java.util.ArrayList;
import java.util.List;

/**
 * The real engine, with a log of the texts it was asked to speak and, for the error path, a
 * text it refuses.
 */
final class RecordingEngine implements SpeechEngine {
  private final SpeechEngine real;
  private final String refused;
  private final List<String> spoken = new ArrayList<>();
  private final List<Integer> chunksAhead = new ArrayList<>();

  RecordingEngine(SpeechEngine real, String refused) {
    this.real = real;
    this.refused = refused;
  }

  synchronized List<String> spoken() {
    return List.copyOf(spoken);
  }

  /** For each text spoken, how many chunks of its turn were still to be played before it. */
  synchronized List<Integer> chunksAhead() {
    return List.copyOf(chunksAhead);
  }

  @Override
  public int sampleRate() {
    return real.sampleRate();
  }

  @Override
  public void synthesize(String text, AudioConsumer out) throws Exception {
    synchronized (this) {
      spoken.add(text);
    }
    if (text.equals(refused)) {
      throw new IllegalArgumentException("refused on purpose");
    }
    real.synthesize(text, out);
  }

  @Override
  public void synthesize(String text, AudioConsumer out, int ahead) throws Exception {
    synchronized (this) {
      chunksAhead.add(ahead);
    }
    synthesize(text, out);
  }
}
