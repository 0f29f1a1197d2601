package voice.tts.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One line of {@code spoken-forms.jsonl}: what a model wrote, and the text MaryTTS is given. */
public record SpokenCase(String input, String spoken) {
  public static List<SpokenCase> all() {
    ObjectMapper json = new ObjectMapper();
    List<SpokenCase> cases = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        SpokenCase.class.getResourceAsStream("spoken-forms.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode node = json.readTree(line);
        cases.add(new SpokenCase(node.get("input").asText(), node.get("spoken").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  @Override
  public String toString() {
    return input.replace("\n", "\u21B5");
  }
}
