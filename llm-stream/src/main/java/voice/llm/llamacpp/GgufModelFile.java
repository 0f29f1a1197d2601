package voice.llm.llamacpp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Checks that the configured model is a readable GGUF file, so a bad path fails in one line. */
final class GgufModelFile {
  static final String PULL_HINT = "run voice-agent models pull qwen2.5-0.5b-instruct";

  private GgufModelFile() {}

  /** @throws IllegalArgumentException with one line for the user */
  static Path resolve(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("llamacpp needs the path of a .gguf file as its model; " + PULL_HINT);
    }
    if (!model.toLowerCase(java.util.Locale.ROOT).endsWith(".gguf")) {
      throw new IllegalArgumentException("llamacpp needs the path of a .gguf file as its model, not '" + model
          + "'; " + PULL_HINT + " and pass its path");
    }
    Path path = Paths.get(model).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("GGUF model not found: " + path + "; " + PULL_HINT);
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("GGUF model not readable: " + path);
    }
    return path;
  }
}
