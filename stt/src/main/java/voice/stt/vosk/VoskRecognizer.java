package voice.stt.vosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import voice.core.message.Transcript;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;
import voice.stt.SpeechEngineUnavailable;

/**
 * Vosk with partial results and word timings. The model loads once; each utterance gets a fresh
 * Vosk recognizer (cheap next to the model), so its word times count from the utterance start.
 */
public final class VoskRecognizer implements Recognizer {
  static final String NO_MODEL =
      "no Vosk model: run voice-agent models pull vosk-small-en-us or set VOSK_MODEL";

  private final Model model;
  private org.vosk.Recognizer recognizer;
  /** Text of segments Vosk's own endpointer already closed inside this utterance. */
  private Hypothesis closedSegments = Hypothesis.EMPTY;

  private VoskRecognizer(Model model) {
    this.model = model;
  }

  /** Loads the model in {@code modelDir}, looking elsewhere as {@code install} says when it is null. */
  public static VoskRecognizer open(Path modelDir, VoskInstall install) {
    Path dir = install.modelDir(modelDir).orElseThrow(() -> new SpeechEngineUnavailable(NO_MODEL));
    if (!Files.isDirectory(dir) || !VoskInstall.isModel(dir)) {
      throw new SpeechEngineUnavailable("no Vosk model in " + dir
          + ": run voice-agent models pull vosk-small-en-us or set VOSK_MODEL to a model folder");
    }
    VoskNative.ensureLoaded(install);
    try {
      return new VoskRecognizer(new Model(dir.toString()));
    } catch (IOException | RuntimeException e) {
      throw new SpeechEngineUnavailable("Vosk could not load a model from " + dir
          + ": run voice-agent models pull vosk-small-en-us or set VOSK_MODEL to a model folder");
    }
  }

  @Override
  public String engine() {
    return "vosk";
  }

  @Override
  public void startUtterance() {
    closeRecognizer();
    try {
      recognizer = new org.vosk.Recognizer(model, 16_000f);
    } catch (IOException e) {
      throw new IllegalStateException("Vosk could not create a recognizer: " + e.getMessage());
    }
    recognizer.setWords(true);
    closedSegments = Hypothesis.EMPTY;
  }

  @Override
  public Hypothesis accept(short[] pcm16kMono, int off, int len) {
    if (recognizer == null) {
      startUtterance();
    }
    short[] samples = pcm16kMono;
    if (off != 0) {
      samples = new short[len];
      System.arraycopy(pcm16kMono, off, samples, 0, len);
    }
    // Vosk's own endpointer may close a segment mid-utterance; ours decides where utterances
    // end, so a closed segment's text is kept as the start of the utterance's hypothesis.
    if (recognizer.acceptWaveForm(samples, len)) {
      closedSegments = join(closedSegments, VoskResultJson.result(recognizer.getResult()));
      return closedSegments;
    }
    return join(closedSegments, VoskResultJson.partial(recognizer.getPartialResult()));
  }

  @Override
  public Hypothesis endUtterance() {
    if (recognizer == null) {
      return Hypothesis.EMPTY;
    }
    Hypothesis result = join(closedSegments, VoskResultJson.result(recognizer.getFinalResult()));
    closeRecognizer();
    closedSegments = Hypothesis.EMPTY;
    return result;
  }

  private static Hypothesis join(Hypothesis before, Hypothesis after) {
    if (before.isEmpty()) {
      return after;
    }
    List<Transcript.Word> words = new ArrayList<>(before.words());
    words.addAll(after.words());
    return new Hypothesis(before.text() + " " + after.text(), words);
  }

  /** Each utterance has a recognizer of its own already: dropping the current one is all. */
  @Override
  public void reset() {
    closeRecognizer();
    closedSegments = Hypothesis.EMPTY;
  }

  private void closeRecognizer() {
    if (recognizer != null) {
      recognizer.close();
      recognizer = null;
    }
  }

  @Override
  public void close() {
    closeRecognizer();
    model.close();
  }
}
