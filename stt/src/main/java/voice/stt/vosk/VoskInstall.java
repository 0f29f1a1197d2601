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
 * {@code voice-agent models pull} fills. Where that cache is, is the models module's business:
 * the application hands its folder in (null: no cache is looked at).
 */
public final class VoskInstall {
  public static final String DEFAULT_MODEL_ID = "vosk-small-en-us";
  public static final String AARCH64_NATIVE_ID = "vosk-native-linux-aarch64";

  private final Map<String, String> env;
  private final Path modelsCache;

  public VoskInstall(Map<String, String> env, Path modelsCache) {
    this.env = env;
    this.modelsCache = modelsCache;
  }

  /** This process's settings, with the models cache in {@code modelsCache} (may be null). */
  public static VoskInstall fromEnvironment(Path modelsCache) {
    return new VoskInstall(System.getenv(), modelsCache);
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
    return modelsCache == null ? Optional.empty() : modelInside(modelsCache.resolve(DEFAULT_MODEL_ID));
  }

  /** The folder holding libvosk for this machine, when one is configured or cached. */
  public Optional<Path> nativeDir() {
    String dir = System.getProperty("vosk.native.dir", env.get("VOSK_NATIVE_DIR"));
    if (dir != null && !dir.isBlank()) {
      return Optional.of(Path.of(dir));
    }
    if (modelsCache == null || !isLinuxAarch64()) {
      return Optional.empty();
    }
    return folderWith(modelsCache.resolve(AARCH64_NATIVE_ID), "libvosk.so");
  }

  static boolean isLinuxAarch64() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name").startsWith("Linux")
        && ("aarch64".equals(arch) || "arm64".equals(arch));
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
