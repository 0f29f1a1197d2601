package voice.stt.vosk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import voice.core.message.Transcript;
import voice.stt.Hypothesis;

/**
 * Reads Vosk's result JSON: {@code {"partial": "..."}} while decoding, and
 * {@code {"text": "...", "result": [{"word", "start", "end", "conf"}...]}} (seconds) at the end.
 */
final class VoskResultJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VoskResultJson() {}

  static Hypothesis partial(String json) {
    return new Hypothesis(read(json).path("partial").asText(""), List.of());
  }

  static Hypothesis result(String json) {
    JsonNode root = read(json);
    List<Transcript.Word> words = new ArrayList<>();
    for (JsonNode word : root.path("result")) {
      words.add(new Transcript.Word(word.path("word").asText(),
          Math.round(word.path("start").asDouble() * 1000), Math.round(word.path("end").asDouble() * 1000)));
    }
    return new Hypothesis(root.path("text").asText(""), words);
  }

  private static JsonNode read(String json) {
    try {
      return json == null ? JSON.createObjectNode() : JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("Vosk returned unreadable JSON: " + json);
    }
  }
}
