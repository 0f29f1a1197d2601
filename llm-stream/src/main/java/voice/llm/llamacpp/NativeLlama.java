package voice.llm.llamacpp;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Prepares the loading of de.kherud:llama's native library. Left alone, its loader extracts the
 * library into java.io.tmpdir, deletes every file there whose name starts with "llama" or
 * "jllama" (a user's /tmp/llama-3.gguf included) and prints to stdout, which would corrupt a WAV
 * stream on stdout. So the library is extracted here into a private directory and the loader is
 * pointed at it.
 *
 * <p>On Linux aarch64 the library is also opened once with RTLD_DEEPBIND before its loader runs.
 * That build (GCC 8.5) carries its own copy of GCC 8's std::filesystem and exports it. The JVM
 * already has the system's libstdc++ (GCC 9 or later) in the global scope, whose std::filesystem
 * has the same symbol names but another object layout, so the library's calls to
 * path::_M_split_cmpts bound to the system's copy and the first path it destroyed crashed the
 * JVM (SIGSEGV in path::~path from ggml_backend_load_best), on any Debian bookworm arm64.
 * Deep binding makes the library use its own copy; the loader's System.load then gets the same
 * already-loaded library.
 */
final class NativeLlama {
  private static final String LIB_PATH = "de.kherud.llama.lib.path";
  private static final String TMP_DIR = "de.kherud.llama.tmpdir";
  private static final int RTLD_LAZY = 0x1;
  private static final int RTLD_DEEPBIND = 0x8;
  private static boolean prepared;
  /** Held so that the deep-bound library is never closed while the JVM runs. */
  private static NativeLibrary deepBound;

  private NativeLlama() {}

  static synchronized void prepare() {
    if (prepared || System.getProperty(LIB_PATH) != null) {
      return;
    }
    prepared = true;
    try {
      Path dir = Files.createTempDirectory("voice-agent-jllama");
      dir.toFile().deleteOnExit();
      // Any extraction the loader still does stays in this directory.
      System.setProperty(TMP_DIR, dir.toString());
      String resource = resourcePath();
      if (resource == null) {
        return;
      }
      try (InputStream in = NativeLlama.class.getResourceAsStream(resource)) {
        if (in == null) {
          return;
        }
        Path lib = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        lib.toFile().deleteOnExit();
        if (resource.equals("/de/kherud/llama/Linux/aarch64/libjllama.so")) {
          openDeepBound(lib);
        }
        System.setProperty(LIB_PATH, dir.toString());
      }
    } catch (IOException e) {
      // The library's own loader is the fallback.
    }
  }

  private static void openDeepBound(Path lib) {
    try {
      deepBound = NativeLibrary.getInstance(lib.toString(),
          Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_DEEPBIND));
    } catch (LinkageError e) {
      // Without JNA's own library the loader still runs; the crash described above may follow.
    }
  }

  /** The jar's folder naming: {OS}/{arch}/lib. */
  private static String resourcePath() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String archDir = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> null;
    };
    if (archDir == null || System.getProperty("java.vendor", "").toLowerCase(Locale.ROOT).contains("android")) {
      return null;
    }
    if (os.contains("linux")) {
      return "/de/kherud/llama/Linux/" + archDir + "/libjllama.so";
    }
    if (os.contains("mac")) {
      return "/de/kherud/llama/Mac/" + archDir + "/libjllama.dylib";
    }
    return null;
  }
}
