package voice.stt.vosk;

import com.sun.jna.NativeLibrary;
import java.nio.file.Path;
import java.util.Optional;
import voice.stt.SpeechEngineUnavailable;

/**
 * Loads libvosk once. The Vosk jar carries it for Linux x86-64, Windows and macOS; on Linux
 * aarch64 it comes from {@code VOSK_NATIVE_DIR} (or the models cache), added to JNA's search
 * path for "vosk" before {@code org.vosk.LibVosk} registers itself.
 */
public final class VoskNative {
  private static volatile boolean loaded;

  private VoskNative() {}

  /** Makes sure {@code org.vosk.LibVosk} is initialised; throws one clear line when it cannot be. */
  public static synchronized void ensureLoaded(VoskInstall install) {
    if (loaded) {
      return;
    }
    Optional<Path> nativeDir = install.nativeDir();
    nativeDir.ifPresent(dir -> NativeLibrary.addSearchPath("vosk", dir.toString()));
    try {
      Class.forName("org.vosk.LibVosk", true, VoskNative.class.getClassLoader());
      org.vosk.LibVosk.setLogLevel(org.vosk.LogLevel.WARNINGS);
      loaded = true;
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SpeechEngineUnavailable(missingLibraryMessage(nativeDir));
    }
  }

  static String missingLibraryMessage(Optional<Path> nativeDir) {
    if (VoskInstall.isLinuxAarch64() || nativeDir.isPresent()) {
      return "Vosk native library not found" + nativeDir.map(d -> " in " + d).orElse("")
          + ": run voice-agent models pull " + VoskInstall.AARCH64_NATIVE_ID
          + " or set VOSK_NATIVE_DIR to the folder holding libvosk.so";
    }
    return "Vosk native library could not be loaded on " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + ": use --stt pocketsphinx";
  }
}
