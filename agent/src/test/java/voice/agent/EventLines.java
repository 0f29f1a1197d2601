package voice.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An {@code --events} file read back: one JSON object per line. */
public final class EventLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventLines() {}

  public static List<JsonNode> read(Path file) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  /** The events of {@code type}, in order. */
  public static List<JsonNode> all(List<JsonNode> lines, String type) {
    return lines.stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }
}
