package voice.stt.echo;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** The echo-canceller and preprocessor calls of speexdsp (Debian libspeexdsp1, also built for arm64 and armhf). */
interface SpeexDsp extends Library {
  String SONAME = "libspeexdsp.so.1";
  String INSTALL_HINT = "speexdsp not found: apt-get install libspeexdsp1";
  int SPEEX_ECHO_SET_SAMPLING_RATE = 24;
  int SPEEX_PREPROCESS_SET_DENOISE = 0;
  int SPEEX_PREPROCESS_SET_AGC = 2;
  int SPEEX_PREPROCESS_SET_VAD = 4;
  int SPEEX_PREPROCESS_SET_DEREVERB = 8;
  int SPEEX_PREPROCESS_SET_ECHO_STATE = 24;

  Pointer speex_echo_state_init(int frameSize, int filterLength);

  int speex_echo_ctl(Pointer state, int request, IntByReference value);

  void speex_echo_cancellation(Pointer state, short[] microphone, short[] played, short[] out);

  void speex_echo_state_reset(Pointer state);

  void speex_echo_state_destroy(Pointer state);

  Pointer speex_preprocess_state_init(int frameSize, int sampleRate);

  int speex_preprocess_ctl(Pointer state, int request, Pointer value);

  int speex_preprocess_run(Pointer state, short[] frame);

  void speex_preprocess_state_destroy(Pointer state);

  /**
   * Loads the library by soname through the system's dynamic linker (the system property
   * {@code voice.speexdsp.soname} names another, e.g. a missing one in a test); null when it is not
   * installed.
   */
  static SpeexDsp loadOrNull() {
    try {
      return Native.load(System.getProperty("voice.speexdsp.soname", SONAME), SpeexDsp.class);
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }
}
