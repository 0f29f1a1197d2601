package voice.llm.ndjson;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonParserTest {

  private static List<String> parse(byte[] input, int... cuts) {
    List<String> out = new ArrayList<>();
    NdjsonParser parser = new NdjsonParser(new NdjsonParser.Listener() {
      @Override
      public void onObject(JsonObject object) {
        out.add(object.encode());
      }

      @Override
      public void onMalformed(String line, String reason) {
        out.add("MALFORMED " + line);
      }
    });
    int from = 0;
    for (int cut : cuts) {
      parser.feed(input, from, cut - from);
      from = cut;
    }
    parser.feed(input, from, input.length - from);
    parser.end();
    return out;
  }

  private static List<String> parseEverySplit(String text) {
    byte[] input = text.getBytes(StandardCharsets.UTF_8);
    List<String> whole = parse(input);
    for (int i = 0; i <= input.length; i++) {
      for (int j = i; j <= input.length; j++) {
        assertThat(parse(input, i, j)).as("cut at %d and %d", i, j).isEqualTo(whole);
      }
    }
    return whole;
  }

  @Test
  void parsesObjectsSplitAnywhereIncludingMultiByteCharacters() {
    String text = "{\"message\":{\"content\":\"H\u00e9\"}}\n\r\n{\"done\":false,\"t\":\"\u20ac\uD83D\uDE00\"}\r\n\n{\"done\":true}";
    assertThat(parseEverySplit(text)).containsExactly(
        "{\"message\":{\"content\":\"H\u00e9\"}}", "{\"done\":false,\"t\":\"\u20ac\uD83D\uDE00\"}", "{\"done\":true}");
  }

  @Test
  void reportsMalformedLines() {
    assertThat(parseEverySplit("{\"a\":1}\nnot json\n[1,2]\n"))
        .containsExactly("{\"a\":1}", "MALFORMED not json", "MALFORMED [1,2]");
  }
}
