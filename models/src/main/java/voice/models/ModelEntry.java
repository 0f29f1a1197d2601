package voice.models;

import java.net.URI;
import java.util.List;

/**
 * One downloadable model of a catalogue.
 *
 * @param bytes download size, or 0 when the catalogue does not know it (read from the response)
 * @param memoryBytes memory needed when loaded, or 0 when the catalogue does not say
 */
public record ModelEntry(
    String id,
    String kind,
    URI url,
    long bytes,
    String sha256,
    Archive archive,
    String description,
    String language,
    String licence,
    List<String> goodFor,
    long memoryBytes) {

  public static final String KIND_STT_VOSK = "stt-vosk";
  public static final String KIND_LLM_GGUF = "llm-gguf";
  public static final String KIND_NATIVE_LIB = "native-lib";

  /** How the downloaded file becomes an installed model. */
  public enum Archive {
    /** Unpacked into a folder; a single top-level folder is unwrapped. */
    ZIP,
    /** Installed as the downloaded file itself. */
    NONE
  }

  public ModelEntry {
    goodFor = goodFor == null ? List.of() : List.copyOf(goodFor);
    description = description == null ? "" : description;
    language = language == null ? "" : language;
    licence = licence == null ? "" : licence;
  }

  /** The name of the downloaded file: the last segment of the URL path. */
  public String fileName() {
    String path = url.getPath() == null ? "" : url.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.isBlank() || name.startsWith(".") ? id + ".bin" : name;
  }

  /** The memory needed when loaded: the catalogue's figure, else estimated from the size. */
  public long memoryEstimate() {
    if (memoryBytes > 0) {
      return memoryBytes;
    }
    // A GGUF model is mapped whole plus KV cache and buffers; other files roughly their size.
    return KIND_LLM_GGUF.equals(kind) ? bytes + bytes / 4 : bytes * 2;
  }
}
