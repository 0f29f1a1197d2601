package voice.models;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Installs catalogue models: download (resumable) to a partial file, SHA-256 check, unpack
 * into a temporary folder, manifest, then one atomic rename into place. A pull killed at any
 * point leaves nothing that looks installed, and the next pull picks up what it can.
 */
public final class ModelPuller {
  private final ModelStore store;
  private final Downloader downloader;
  private final UsableSpace space;

  public ModelPuller(ModelStore store) {
    this(store, Downloader.defaultClient(), UsableSpace.FILE_STORE);
  }

  public ModelPuller(ModelStore store, HttpClient client, UsableSpace space) {
    this.store = store;
    this.space = space;
    this.downloader = new Downloader(client, space);
  }

  /** Downloads and installs a catalogue model; returns its path (at once if installed). */
  public Path pull(String id, ProgressListener listener) {
    ModelEntry entry = store.catalogue().require(id);
    return withLock(entry, listener, () -> {
      Path partial = store.partialFile(id);
      if (!(entry.bytes() <= 0 && matches(partial, entry))) {
        downloader.download(entry, partial, listener);
      }
      verify(entry, partial, listener);
      return install(entry, partial, true, listener);
    });
  }

  /** Installs a catalogue model from a file fetched by hand (checked like a download). */
  public Path installFrom(String id, Path file, ProgressListener listener) {
    ModelEntry entry = store.catalogue().require(id);
    if (!Files.isRegularFile(file)) {
      throw new ModelException("no such file: " + file);
    }
    return withLock(entry, listener, () -> {
      verify(entry, file, listener);
      return install(entry, file, false, listener);
    });
  }

  private interface Step {
    Path run() throws IOException;
  }

  private Path withLock(ModelEntry entry, ProgressListener listener, Step step) {
    Path installed = store.installedPath(entry.id()).orElse(null);
    if (installed != null) {
      listener.finished(entry, installed);
      return installed;
    }
    try {
      Files.createDirectories(store.workDir());
    } catch (IOException e) {
      throw new ModelException("cannot create " + store.workDir() + ": " + Failures.describe(e));
    }
    try (PullLock lock = PullLock.acquire(store.lockFile(entry.id()), entry.id())) {
      installed = store.installedPath(entry.id()).orElse(null); // another pull may have won
      if (installed == null) {
        removeLeftovers(entry.id());
        installed = step.run();
      }
      listener.finished(entry, installed);
      return installed;
    } catch (IOException e) {
      throw new ModelException("cannot install " + entry.id() + ": " + Failures.describe(e));
    }
  }

  private static boolean matches(Path file, ModelEntry entry) {
    try {
      return Files.isRegularFile(file) && Sha256.of(file).equals(entry.sha256());
    } catch (IOException e) {
      return false;
    }
  }

  private static void verify(ModelEntry entry, Path file, ProgressListener listener)
      throws IOException {
    listener.verifying(entry);
    String actual = Sha256.of(file);
    if (!actual.equals(entry.sha256())) {
      Downloader.delete(file);
      throw new ModelException("checksum mismatch for " + entry.id() + ": expected "
          + entry.sha256() + ", got " + actual + "; the file was deleted and nothing installed");
    }
  }

  private Path install(ModelEntry entry, Path verified, boolean ownFile, ProgressListener listener)
      throws IOException {
    Path temp = Files.createTempDirectory(store.workDir(), entry.id() + ".unpack-");
    try {
      Path root = temp;
      List<Manifest.FileRecord> files;
      String file = null;
      if (entry.archive() == ModelEntry.Archive.ZIP) {
        space.require(store.workDir(), ZipUnpacker.unpackedSize(verified), "unpacking " + entry.id());
        listener.unpacking(entry);
        ZipUnpacker.Unpacked unpacked = ZipUnpacker.unpack(entry.id(), verified, temp, listener);
        root = unpacked.root();
        files = unpacked.files();
      } else {
        file = entry.fileName();
        Path target = temp.resolve(file);
        if (ownFile) {
          Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
          space.require(store.workDir(), Files.size(verified), entry.id());
          Files.copy(verified, target);
        }
        files = List.of(new Manifest.FileRecord(file, Files.size(target), entry.sha256()));
      }
      new Manifest(entry.id(), entry.kind(), entry.url().toString(), entry.sha256(), file, files)
          .writeTo(root);
      moveIntoPlace(entry, root);
      if (ownFile) {
        Downloader.delete(verified);
      }
      return store.installedPath(entry.id()).orElseThrow(
          () -> new ModelException(entry.id() + " vanished right after it was installed"));
    } finally {
      deleteTree(temp);
    }
  }

  private void moveIntoPlace(ModelEntry entry, Path root) throws IOException {
    Path folder = store.modelDir(entry.id());
    try {
      Files.move(root, folder, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      throw new ModelException(folder + " already exists but is not a complete model: remove it"
          + " with 'voice-agent models rm " + entry.id() + "' and pull again");
    } catch (AtomicMoveNotSupportedException e) {
      throw new ModelException("cannot move " + entry.id() + " into place atomically in " + folder);
    }
  }

  /** Unpack folders of killed pulls; the partial download is kept to resume. */
  private void removeLeftovers(String id) throws IOException {
    try (Stream<Path> children = Files.list(store.workDir())) {
      for (Path child : children.toList()) {
        String name = child.getFileName().toString();
        if (name.startsWith(id + ".unpack-") || name.startsWith(id + ".removing-")) {
          deleteTree(child);
        }
      }
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // left for the next pull's clean-up
    }
  }

  /** Removes an installed model (renamed away first, so a killed rm leaves nothing half there). */
  public void remove(String id) {
    Path folder = store.modelDir(id);
    Path partial = store.partialFile(id);
    if (!Files.exists(folder) && !Files.exists(partial)) {
      throw new ModelException(id + " is not installed");
    }
    try {
      Files.createDirectories(store.workDir());
      try (PullLock lock = PullLock.acquire(store.lockFile(id), id)) {
        if (Files.exists(folder)) {
          Path away = store.workDir().resolve(id + ".removing-" + System.nanoTime());
          Files.move(folder, away, StandardCopyOption.ATOMIC_MOVE);
          deleteTree(away);
        }
        Downloader.delete(partial);
      }
    } catch (IOException e) {
      throw new ModelException("cannot remove " + id + ": " + Failures.describe(e));
    }
  }
}
