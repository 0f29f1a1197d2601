package voice.stt.wake;

import java.util.Arrays;
import java.util.List;
import voice.core.message.Transcript;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;
import voice.stt.sphinx.KeyphraseSpotter.Detection;

/**
 * A recognizer that hears only what is addressed to the device: an utterance counts when the
 * wake word is heard in it, or when it starts while the device is awake ({@link WakeState}).
 * Other utterances are still decoded but come out empty, so no turn starts. The wake word itself
 * is cut from what comes out: "hey computer what time is it" becomes "what time is it".
 *
 * <p>Used like any recognizer, by one thread; the spotter hears the same audio as the recognizer,
 * so the phrase's end and the words' times share one origin.
 */
public final class WakeWordRecognizer implements Recognizer {
  private final Recognizer inner;
  private final WakeWordDetector spotter;
  private final WakeState state;
  private final Runnable onWake;
  private boolean addressed;
  private long phraseEndMs = -1;

  /** @param onWake runs on the decoding thread at each detection (e.g. to publish an event) */
  public WakeWordRecognizer(Recognizer inner, WakeWordDetector spotter, WakeState state, Runnable onWake) {
    this.inner = inner;
    this.spotter = spotter;
    this.state = state;
    this.onWake = onWake;
  }

  @Override
  public String engine() {
    return inner.engine();
  }

  @Override
  public void startUtterance() {
    inner.startUtterance();
    spotter.start();
    addressed = state.awake();
    phraseEndMs = -1;
  }

  @Override
  public Hypothesis accept(short[] pcm16kMono, int off, int len) {
    Hypothesis heard = inner.accept(pcm16kMono, off, len);
    Detection detection = spotter.accept(pcm16kMono, off, len);
    if (detection != null) {
      phraseEndMs = detection.endMs();
      addressed = true;
      state.wakeWordHeard();
      onWake.run();
    }
    return addressed ? afterPhrase(heard) : Hypothesis.EMPTY;
  }

  @Override
  public Hypothesis endUtterance() {
    Hypothesis heard = inner.endUtterance();
    return addressed ? afterPhrase(heard) : Hypothesis.EMPTY;
  }

  @Override
  public void reset() {
    inner.reset();
    addressed = false;
    phraseEndMs = -1;
  }

  @Override
  public void close() {
    inner.close();
    spotter.close();
  }

  /** What was said after the wake word, by word times when the engine gives them. */
  private Hypothesis afterPhrase(Hypothesis heard) {
    if (phraseEndMs < 0 || heard.isEmpty()) {
      return heard;
    }
    if (!heard.words().isEmpty()) {
      List<Transcript.Word> after = heard.words().stream()
          .filter(w -> (w.startMs() + w.endMs()) / 2 > phraseEndMs)
          .toList();
      return new Hypothesis(String.join(" ", after.stream().map(Transcript.Word::word).toList()), after);
    }
    // A partial has no word times: cut at the phrase's last word, if it was recognized as such.
    List<String> words = Arrays.asList(heard.text().split("\\s+"));
    String[] phrase = spotter.phrase().split(" ");
    int at = words.indexOf(phrase[phrase.length - 1]);
    return at < 0 ? heard : new Hypothesis(String.join(" ", words.subList(at + 1, words.size())), List.of());
  }
}
