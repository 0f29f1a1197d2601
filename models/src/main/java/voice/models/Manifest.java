package voice.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a pull installed, written inside the model folder after the checksum passed, so
 * {@code models verify} can re-check every file later.
 *
 * @param file the model file for single-file models, null for unpacked archives
 */
public record Manifest(
    String id, String kind, String url, String sha256, String file, List<FileRecord> files) {

  /** The name of the manifest inside a model folder. */
  public static final String NAME = ".voice-agent-model.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** One installed file, its path relative to the model folder. */
  public record FileRecord(String path, long bytes, String sha256) {}

  public Manifest {
    files = files == null ? List.of() : List.copyOf(files);
  }

  void writeTo(Path modelDir) throws IOException {
    JSON.writeValue(modelDir.resolve(NAME).toFile(), this);
  }

  /** The manifest of a model folder, if it has a readable one. */
  static Optional<Manifest> readFrom(Path modelDir) {
    Path file = modelDir.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Manifest.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
