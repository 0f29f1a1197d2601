package voice.stt.sphinx;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import voice.stt.SpeechEngineUnavailable;

/**
 * The C API of Debian's libpocketsphinx3 (0.8+5prealpha) and the one libsphinxbase call it needs.
 * Only the calls checked against that version are declared.
 */
interface PocketSphinxLibrary extends Library {
  String INSTALL_HINT =
      "PocketSphinx not found: apt-get install pocketsphinx pocketsphinx-en-us libpocketsphinx3";

  Pointer ps_args();

  /** {@code cmd_ln_init(NULL, ps_args(), 1, "-name", "value", ..., NULL)}: a C varargs call. */
  Pointer cmd_ln_init(Pointer inout, Pointer defn, int strict, Object... nameValuesThenNull);

  int cmd_ln_free_r(Pointer config);

  Pointer ps_init(Pointer config);

  int ps_free(Pointer ps);

  /** Reloads the decoder from its configuration ({@code config} NULL: the same one), forgetting all adaptation. */
  int ps_reinit(Pointer ps, Pointer config);

  /** Resets the frame counter (word times count from here) and the noise estimate. */
  int ps_start_stream(Pointer ps);

  int ps_start_utt(Pointer ps);

  int ps_process_raw(Pointer ps, short[] data, long nSamples, int noSearch, int fullUtt);

  int ps_end_utt(Pointer ps);

  String ps_get_hyp(Pointer ps, IntByReference outBestScore);

  byte ps_get_in_speech(Pointer ps);

  // Older headers take an out-score argument, newer ones do not; passing it is harmless to both.
  Pointer ps_seg_iter(Pointer ps, IntByReference outBestScore);

  Pointer ps_seg_next(Pointer seg);

  String ps_seg_word(Pointer seg);

  void ps_seg_frames(Pointer seg, IntByReference outStartFrame, IntByReference outEndFrame);

  void ps_seg_free(Pointer seg);

  /**
   * Loads the library by soname through the system's dynamic linker, which picks the build for
   * this machine's architecture (x86_64, aarch64, armhf). A folder on JNA's search path would let
   * JNA take the first {@code libsphinxbase.so.3.0.0} it meets there, whatever its architecture.
   */
  static PocketSphinxLibrary load() {
    try {
      // cmd_ln_* live in libsphinxbase, a dependency of libpocketsphinx: load it first so that
      // lookups through the pocketsphinx handle find them.
      NativeLibrary.getInstance("libsphinxbase.so.3");
      return Native.load("libpocketsphinx.so.3", PocketSphinxLibrary.class);
    } catch (UnsatisfiedLinkError e) {
      throw new SpeechEngineUnavailable(INSTALL_HINT);
    }
  }
}
