package voice.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The models folder: one folder per installed model ({@code DIR/ID}), which exists only once
 * the model is complete and verified. Pull work (partial downloads, locks, unpacking) lives in
 * {@code DIR/.pulls}.
 */
public final class ModelStore {
  private final Path dir;
  private final Catalogue catalogue;

  public ModelStore(Path dir, Catalogue catalogue) {
    this.dir = dir.toAbsolutePath().normalize();
    this.catalogue = catalogue;
  }

  /** {@code $VOICE_AGENT_HOME/models}, else {@code $XDG_CACHE_HOME/voice-agent/models}, else
   * {@code ~/.cache/voice-agent/models}. */
  public static Path defaultDir() {
    return defaultDir(System.getenv(), System.getProperty("user.home"));
  }

  static Path defaultDir(Map<String, String> env, String userHome) {
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

  public Path dir() {
    return dir;
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  /** The folder a model is installed in (whether or not it is there). */
  public Path modelDir(String id) {
    return dir.resolve(id);
  }

  /** Where the model will be once installed: its folder, or the file inside it. */
  public Path targetPath(ModelEntry entry) {
    Path folder = modelDir(entry.id());
    return entry.archive() == ModelEntry.Archive.ZIP ? folder : folder.resolve(entry.fileName());
  }

  Path workDir() {
    return dir.resolve(".pulls");
  }

  Path partialFile(String id) {
    return workDir().resolve(id + ".partial");
  }

  Path lockFile(String id) {
    return workDir().resolve(id + ".lock");
  }

  public boolean isInstalled(String id) {
    return installedPath(id).isPresent();
  }

  /** The installed folder or file of a model; a folder placed by hand counts too. */
  public Optional<Path> installedPath(String id) {
    Path folder = modelDir(id);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    Optional<Manifest> manifest = Manifest.readFrom(folder);
    if (manifest.isPresent()) {
      String file = manifest.get().file();
      return Optional.of(file == null ? folder : folder.resolve(file)).filter(Files::exists);
    }
    Optional<ModelEntry> entry = catalogue.find(id);
    if (entry.isPresent() && entry.get().archive() == ModelEntry.Archive.NONE) {
      return Optional.of(folder.resolve(entry.get().fileName())).filter(Files::isRegularFile);
    }
    return Optional.of(folder);
  }

  public Optional<Manifest> manifest(String id) {
    return Manifest.readFrom(modelDir(id));
  }

  /** Installed models: the catalogue's in its order, then others with a manifest. */
  public List<InstalledModel> installed() {
    List<InstalledModel> found = new ArrayList<>();
    for (ModelEntry entry : catalogue.entries()) {
      installedPath(entry.id()).ifPresent(p -> found.add(new InstalledModel(entry.id(), entry.kind(), p)));
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> children = Files.list(dir)) {
        children.sorted().forEach(child -> {
          String id = child.getFileName().toString();
          if (!id.startsWith(".") && catalogue.find(id).isEmpty()) {
            Manifest.readFrom(child).ifPresent(m -> installedPath(id)
                .ifPresent(p -> found.add(new InstalledModel(id, m.kind(), p))));
          }
        });
      } catch (IOException e) {
        // an unreadable folder has nothing we can use
      }
    }
    return found;
  }

  /** The first installed model of a kind, in catalogue order (e.g. for {@code --llm auto}). */
  public Optional<InstalledModel> firstInstalled(String kind) {
    return installed().stream().filter(m -> kind.equals(m.kind())).findFirst();
  }

  /**
   * A model named by catalogue id or by path. A catalogue id that is not installed throws
   * {@link ModelNotInstalledException} (its message names the pull command).
   *
   * @param kind the kind expected ({@code stt-vosk}, {@code llm-gguf}), or null for any
   */
  public Path resolve(String idOrPath, String kind) {
    Optional<ModelEntry> entry = catalogue.find(idOrPath);
    if (entry.isPresent()) {
      if (kind != null && !kind.equals(entry.get().kind())) {
        throw new ModelException(idOrPath + " is a " + entry.get().kind() + " model, not "
            + kind + " (voice-agent models list shows the kinds)");
      }
      return installedPath(idOrPath).orElseThrow(() -> new ModelNotInstalledException(idOrPath));
    }
    boolean plainName = !idOrPath.contains("/") && !idOrPath.contains("\\")
        && !idOrPath.startsWith(".");
    if (plainName) {
      Optional<Manifest> manifest = manifest(idOrPath);
      Optional<Path> installed = manifest.flatMap(m -> installedPath(idOrPath));
      if (installed.isPresent()) {
        return installed.get();
      }
    }
    Path path;
    try {
      path = Path.of(idOrPath).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ModelException("not a model id or a path: " + idOrPath);
    }
    if (!Files.exists(path)) {
      throw new ModelException(plainName && !idOrPath.contains(".")
          ? "unknown model " + idOrPath + ": not in the catalogue and no such file"
              + " (voice-agent models list shows the models)"
          : "no such model file or folder: " + idOrPath);
    }
    if (ModelEntry.KIND_STT_VOSK.equals(kind) && !Files.isDirectory(path)) {
      throw new ModelException("a Vosk model is a folder, and " + idOrPath + " is a file");
    }
    if (ModelEntry.KIND_LLM_GGUF.equals(kind) && !Files.isRegularFile(path)) {
      throw new ModelException("a GGUF model is a file, and " + idOrPath + " is not");
    }
    return path;
  }

  /** Bytes the installed model takes on disk, or 0 when it is not installed. */
  public long sizeOnDisk(String id) {
    Path folder = modelDir(id);
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }
}
