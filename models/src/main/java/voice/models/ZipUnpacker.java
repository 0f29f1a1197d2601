package voice.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Unpacks a verified zip into a folder, refusing any entry that would land outside it. */
final class ZipUnpacker {
  private ZipUnpacker() {}

  /** The bytes the archive says it unpacks to. */
  static long unpackedSize(Path zip) throws IOException {
    long total = 0;
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        total += Math.max(entry.getSize(), entry.getCompressedSize());
      }
    }
    return total;
  }

  /**
   * Unpacks into {@code target} and returns the root to install: {@code target} itself, or its
   * single top-level folder. The records' paths are relative to that root.
   */
  static Unpacked unpack(String id, Path zip, Path target, ProgressListener listener)
      throws IOException {
    Path root = target.toAbsolutePath().normalize();
    List<Manifest.FileRecord> files = new ArrayList<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        Path out = root.resolve(entry.getName()).normalize();
        if (!out.startsWith(root) || out.equals(root) && !entry.isDirectory()) {
          throw new ModelException("the archive of " + id + " has an entry that escapes its"
              + " folder (" + entry.getName() + "): refused, nothing installed");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          files.add(write(file, entry, out, root));
        }
        listener.unpacked(entry.getName());
      }
    }
    return unwrap(root, files);
  }

  private static Manifest.FileRecord write(ZipFile file, ZipEntry entry, Path out, Path root)
      throws IOException {
    MessageDigest digest = Sha256.digest();
    long bytes;
    try (InputStream in = file.getInputStream(entry);
        OutputStream sink = new DigestOutputStream(Files.newOutputStream(out), digest)) {
      bytes = in.transferTo(sink);
    }
    return new Manifest.FileRecord(root.relativize(out).toString(), bytes, Sha256.hex(digest));
  }

  private static Unpacked unwrap(Path root, List<Manifest.FileRecord> files) throws IOException {
    List<Path> top;
    try (Stream<Path> children = Files.list(root)) {
      top = children.toList();
    }
    if (top.size() != 1 || !Files.isDirectory(top.get(0))) {
      return new Unpacked(root, files);
    }
    String prefix = top.get(0).getFileName() + "/";
    List<Manifest.FileRecord> inner = files.stream()
        .map(f -> new Manifest.FileRecord(f.path().substring(prefix.length()), f.bytes(), f.sha256()))
        .toList();
    return new Unpacked(top.get(0), inner);
  }

  /** The folder to move into place and the files in it. */
  record Unpacked(Path root, List<Manifest.FileRecord> files) {}
}
