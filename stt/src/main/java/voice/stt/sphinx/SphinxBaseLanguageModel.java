package voice.stt.sphinx;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import voice.stt.SpeechEngineUnavailable;

/** The language-model calls of Debian's libsphinxbase3 that read a model's unigrams. */
interface SphinxBaseLanguageModel extends Library {
  int NGRAM_AUTO = 0;

  Pointer logmath_init(double base, int shift, int useTable);

  int logmath_free(Pointer logmath);

  Pointer ngram_model_read(Pointer config, String fileName, int fileType, Pointer logmath);

  /** Counts of 1-grams, 2-grams, ...: an array of uint32. */
  Pointer ngram_model_get_counts(Pointer model);

  String ngram_word(Pointer model, int wid);

  int ngram_ng_score(Pointer model, int wid, Pointer history, int nHistory, IntByReference nUsed);

  int ngram_model_free(Pointer model);

  /** Loads libsphinxbase by soname (see {@link PocketSphinxLibrary#load()}). */
  static SphinxBaseLanguageModel load() {
    try {
      return Native.load("libsphinxbase.so.3", SphinxBaseLanguageModel.class);
    } catch (UnsatisfiedLinkError e) {
      throw new SpeechEngineUnavailable(PocketSphinxLibrary.INSTALL_HINT);
    }
  }
}
