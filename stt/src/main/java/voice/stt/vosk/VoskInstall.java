package voice.stt.vosk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where Vosk's model and (on Linux aarch64) native library are: an explicit path, the
 * {@code VOSK_MODEL} / {@code VOSK_NATIVE_DIR} settings, or the models cache that
 * {@code voice-agent models pull} fills (same rules as the models module).
 */
public final class VoskInstall {
  public static final String DEFAULT_MODEL_ID = "vosk-small-en-us";
  public static final String AARCH64_NATIVE_ID = "vosk-native-linux-aarch64";

  private final Map<String, String> env;
  private final String userHome;

  public VoskInstall(Map<String, String> env, String userHome) {
    this.env = env;
    this.userHome = userHome;
  }

  public static VoskInstall fromEnvironment() {
    return new VoskInstall(System.getenv(), System.getProperty("user.home"));
  }

  /** The model folder: {@code explicit}, else {@code VOSK_MODEL}, else the cached default model. */
  public Optional<Path> modelDir(Path explicit) {
    if (explicit != null) {
      return Optional.of(explicit);
    }
    String fromEnv = env.get("VOSK_MODEL");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(Path.of(fromEnv));
    }
    return modelInside(modelsCache().resolve(DEFAULT_MODEL_ID));
  }

  /** The folder holding libvosk for this machine, when one is configured or cached. */
  public Optional<Path> nativeDir() {
    String dir = System.getProperty("vosk.native.dir", env.get("VOSK_NATIVE_DIR"));
    if (dir != null && !dir.isBlank()) {
      return Optional.of(Path.of(dir));
    }
    Path cached = modelsCache().resolve(AARCH64_NATIVE_ID);
    return isLinuxAarch64() ? folderWith(cached, "libvosk.so") : Optional.empty();
  }

  static boolean isLinuxAarch64() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").startsWith("Linux")
        && ("aarch64".equals(arch) || "arm64".equals(arch));
  }

  Path modelsCache() {
    String home = env.get("VOICE_AGENT_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home, "models");
    }
    String cache = env.get("XDG_CACHE_HOME");
    if (cache != null && !cache.isBlank()) {
      return Path.of(cache, "voice-agent", "models");
    }
    return Path.of(userHome, ".cache", "voice-agent", "models");
  }

  /** A pulled archive may unpack into a sub-folder; the model is the folder holding {@code am/} or {@code conf/}. */
  static Optional<Path> modelInside(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    if (isModel(folder)) {
      return Optional.of(folder);
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(Files::isDirectory).filter(VoskInstall::isModel).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static boolean isModel(Path folder) {
    return Files.isDirectory(folder.resolve("am")) || Files.isDirectory(folder.resolve("conf"));
  }

  private static Optional<Path> folderWith(Path root, String fileName) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(root, 3)) {
      return files.filter(p -> p.getFileName().toString().equals(fileName)).map(Path::getParent).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
