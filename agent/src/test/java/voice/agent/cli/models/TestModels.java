package voice.agent.cli.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds the files a test serves: zips, random model files and a catalogue naming them. */
final class TestModels {
  private TestModels() {}

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        if (e.getValue() != null) {
          zip.write(e.getValue());
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** A Vosk-like model: one top-level folder, a few files, random (incompressible) content. */
  static Map<String, byte[]> voskLikeModel() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("vosk-model-tiny/", null);
    files.put("vosk-model-tiny/am/final.mdl", randomBytes(150_000, 1));
    files.put("vosk-model-tiny/conf/model.conf", "--sample-frequency=16000\n".getBytes(StandardCharsets.UTF_8));
    files.put("vosk-model-tiny/graph/HCLr.fst", randomBytes(80_000, 2));
    files.put("vosk-model-tiny/README", "tiny test model\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One catalogue entry as JSON; {@code bytes} below 0 leaves the size out. */
  static String entry(String id, String kind, String url, long bytes, String sha, String archive) {
    return "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"url\":\"" + url + "\","
        + (bytes >= 0 ? "\"bytes\":" + bytes + "," : "")
        + "\"sha256\":\"" + sha + "\",\"archive\":\"" + archive + "\","
        + "\"description\":\"test model " + id + "\"}";
  }

  static Path catalogue(Path dir, String... entries) throws IOException {
    Path file = dir.resolve("catalogue.json");
    Files.writeString(file, "{\"models\":[" + String.join(",", entries) + "]}");
    return file;
  }
}
