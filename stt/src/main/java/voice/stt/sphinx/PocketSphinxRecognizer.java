package voice.stt.sphinx;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import voice.core.message.Transcript;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;

/**
 * PocketSphinx through JNA. The decoder is created once (about a third of a second) and reused
 * for every utterance; like the C decoder it must be used by one thread at a time.
 */
public final class PocketSphinxRecognizer implements Recognizer {
  /** PocketSphinx computes 100 feature frames per second. */
  private static final int MS_PER_FRAME = 10;

  private final PocketSphinxLibrary lib;
  private final Pointer config;
  private Pointer decoder;
  private boolean inUtterance;
  private String lastText = "";

  private PocketSphinxRecognizer(PocketSphinxLibrary lib, Pointer config, Pointer decoder) {
    this.lib = lib;
    this.config = config;
    this.decoder = decoder;
  }

  /** Starts a decoder on {@code model}; throws {@link voice.stt.SpeechEngineUnavailable} if the library is missing. */
  public static PocketSphinxRecognizer open(PocketSphinxModel model) {
    PocketSphinxLibrary lib = PocketSphinxLibrary.load();
    Pointer config = lib.cmd_ln_init(null, lib.ps_args(), 1,
        "-hmm", model.hmm().toString(),
        "-lm", model.languageModel().toString(),
        "-dict", model.dictionary().toString(),
        "-logfn", "/dev/null",
        null);
    if (config == null) {
      throw new IllegalStateException("PocketSphinx rejected its configuration for " + model.hmm());
    }
    Pointer decoder = lib.ps_init(config);
    if (decoder == null) {
      lib.cmd_ln_free_r(config);
      throw new IllegalStateException("PocketSphinx could not load the model in " + model.hmm());
    }
    return new PocketSphinxRecognizer(lib, config, decoder);
  }

  @Override
  public String engine() {
    return "pocketsphinx";
  }

  @Override
  public void startUtterance() {
    ensureOpen();
    if (inUtterance) {
      lib.ps_end_utt(decoder);
    }
    // Each utterance is its own stream: segment frames then count from its first sample.
    check(lib.ps_start_stream(decoder), "ps_start_stream");
    check(lib.ps_start_utt(decoder), "ps_start_utt");
    inUtterance = true;
    lastText = "";
  }

  @Override
  public Hypothesis accept(short[] pcm16kMono, int off, int len) {
    ensureOpen();
    if (!inUtterance) {
      startUtterance();
    }
    short[] samples = pcm16kMono;
    if (off != 0 || len != pcm16kMono.length) {
      samples = new short[len];
      System.arraycopy(pcm16kMono, off, samples, 0, len);
    }
    check(lib.ps_process_raw(decoder, samples, len, 0, 0), "ps_process_raw");
    String text = lib.ps_get_hyp(decoder, new IntByReference());
    lastText = text == null ? "" : text;
    return new Hypothesis(lastText, List.of());
  }

  @Override
  public void reset() {
    ensureOpen();
    if (inUtterance) {
      lib.ps_end_utt(decoder);
      inUtterance = false;
    }
    // Reloading is the one public way to reset the running cepstral mean (about a third of a second).
    check(lib.ps_reinit(decoder, null), "ps_reinit");
    lastText = "";
  }

  /** Whether the engine's own voice detector hears speech in the current utterance. */
  public boolean inSpeech() {
    return inUtterance && lib.ps_get_in_speech(decoder) != 0;
  }

  @Override
  public Hypothesis endUtterance() {
    ensureOpen();
    if (!inUtterance) {
      return Hypothesis.EMPTY;
    }
    inUtterance = false;
    check(lib.ps_end_utt(decoder), "ps_end_utt");
    String text = lib.ps_get_hyp(decoder, new IntByReference());
    return new Hypothesis(text, words());
  }

  /** The best path's words; fillers such as {@code <sil>}, {@code [NOISE]} and {@code (2)} variants are cleaned. */
  private List<Transcript.Word> words() {
    List<Transcript.Word> words = new ArrayList<>();
    IntByReference start = new IntByReference();
    IntByReference end = new IntByReference();
    for (Pointer seg = lib.ps_seg_iter(decoder, new IntByReference()); seg != null; seg = lib.ps_seg_next(seg)) {
      String word = lib.ps_seg_word(seg);
      if (word == null || word.startsWith("<") || word.startsWith("[")) {
        continue;
      }
      int variant = word.indexOf('(');
      if (variant > 0) {
        word = word.substring(0, variant);
      }
      lib.ps_seg_frames(seg, start, end);
      words.add(new Transcript.Word(word, (long) start.getValue() * MS_PER_FRAME,
          (long) (end.getValue() + 1) * MS_PER_FRAME));
    }
    return words;
  }

  @Override
  public void close() {
    if (decoder != null) {
      if (inUtterance) {
        lib.ps_end_utt(decoder);
      }
      lib.ps_free(decoder);
      lib.cmd_ln_free_r(config);
      decoder = null;
    }
  }

  private void ensureOpen() {
    if (decoder == null) {
      throw new IllegalStateException("recognizer is closed");
    }
  }

  private static void check(int rc, String call) {
    if (rc < 0) {
      throw new IllegalStateException(call + " failed (" + rc + ")");
    }
  }
}
