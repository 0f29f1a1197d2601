package voice.llm.llamacpp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Prepares the loading of de.kherud:llama's native library. Left alone, its loader extracts the
 * library into java.io.tmpdir, deletes every file there whose name starts with "llama" or
 * "jllama" (a user's /tmp/llama-3.gguf included) and prints to stdout, which would corrupt a WAV
 * stream on stdout. So the library is extracted here into a private directory and the loader is
 * pointed at it.
 */
final class NativeLlama {
  private static final String LIB_PATH = "de.kherud.llama.lib.path";
  private static final String TMP_DIR = "de.kherud.llama.tmpdir";
  private static boolean prepared;

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
        System.setProperty(LIB_PATH, dir.toString());
      }
    } catch (IOException e) {
      // The library's own loader is the fallback.
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
