package voice.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Re-checks installed models against the SHA-256 recorded when they were pulled. */
public final class ModelVerifier {
  private final ModelStore store;

  public ModelVerifier(ModelStore store) {
    this.store = store;
  }

  /** What is wrong with an installed model, or empty when every file still matches. */
  public Optional<String> problem(String id) {
    Path folder = store.modelDir(id);
    if (!Files.isDirectory(folder)) {
      return Optional.of("not installed");
    }
    Optional<Manifest> manifest = store.manifest(id);
    if (manifest.isEmpty()) {
      return singleFileWithoutManifest(id, folder);
    }
    for (Manifest.FileRecord file : manifest.get().files()) {
      Path path = folder.resolve(file.path()).normalize();
      if (!path.startsWith(folder) || !Files.isRegularFile(path)) {
        return Optional.of("missing file " + file.path());
      }
      try {
        if (Files.size(path) != file.bytes()) {
          return Optional.of(file.path() + " is " + Files.size(path) + " bytes, expected "
              + file.bytes());
        }
        String actual = Sha256.of(path);
        if (!actual.equals(file.sha256())) {
          return Optional.of("checksum mismatch for " + file.path() + ": expected "
              + file.sha256() + ", got " + actual);
        }
      } catch (IOException e) {
        return Optional.of("cannot read " + file.path() + ": " + Failures.describe(e));
      }
    }
    return Optional.empty();
  }

  // A model placed by hand: a single file can still be checked against the catalogue.
  private Optional<String> singleFileWithoutManifest(String id, Path folder) {
    Optional<ModelEntry> entry = store.catalogue().find(id);
    if (entry.isEmpty() || entry.get().archive() != ModelEntry.Archive.NONE) {
      return Optional.of("placed by hand, no manifest to check it against (pull it to verify)");
    }
    Path file = folder.resolve(entry.get().fileName());
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.of("missing file " + entry.get().fileName());
      }
      String actual = Sha256.of(file);
      return actual.equals(entry.get().sha256()) ? Optional.empty()
          : Optional.of("checksum mismatch: expected " + entry.get().sha256() + ", got " + actual);
    } catch (IOException e) {
      return Optional.of("cannot read " + file + ": " + Failures.describe(e));
    }
  }
}
