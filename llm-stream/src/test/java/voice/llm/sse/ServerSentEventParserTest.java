package voice.llm.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventParserTest {

  /** Parses {@code input} fed as the given pieces. */
  private static List<ServerSentEvent> parse(byte[] input, int... cuts) {
    List<ServerSentEvent> out = new ArrayList<>();
    ServerSentEventParser parser = new ServerSentEventParser(out::add);
    int from = 0;
    for (int cut : cuts) {
      parser.feed(input, from, cut - from);
      from = cut;
    }
    parser.feed(input, from, input.length - from);
    parser.end();
    return out;
  }

  /** Asserts the same events whole, split at every pair of byte boundaries, and one byte at a time. */
  private static List<ServerSentEvent> parseEverySplit(String text) {
    byte[] input = text.getBytes(StandardCharsets.UTF_8);
    List<ServerSentEvent> whole = parse(input);
    for (int i = 0; i <= input.length; i++) {
      for (int j = i; j <= input.length; j++) {
        assertThat(parse(input, i, j)).as("cut at %d and %d", i, j).isEqualTo(whole);
      }
    }
    int[] everyByte = new int[input.length];
    for (int i = 0; i < input.length; i++) {
      everyByte[i] = i;
    }
    assertThat(parse(input, everyByte)).isEqualTo(whole);
    return whole;
  }

  @Test
  void dispatchesOnBlankLineWithLfCrAndCrlf() {
    for (String eol : List.of("\n", "\r", "\r\n")) {
      String text = "event: add" + eol + "data: one" + eol + eol + "data: two" + eol + eol;
      assertThat(parseEverySplit(text)).as("line end %s", eol.replace("\r", "CR").replace("\n", "LF"))
          .containsExactly(new ServerSentEvent("add", "one", ""), new ServerSentEvent("message", "two", ""));
    }
  }

  @Test
  void joinsMultiLineDataWithNewline() {
    assertThat(parseEverySplit("data: first\r\ndata:second\r\ndata:  third\r\n\r\n"))
        .containsExactly(new ServerSentEvent("message", "first\nsecond\n third", ""));
  }

  @Test
  void ignoresCommentsAndUnknownFields() {
    assertThat(parseEverySplit(": ping\nfoo: bar\ndata: x\n: another\n\n"))
        .containsExactly(new ServerSentEvent("message", "x", ""));
  }

  @Test
  void fieldWithoutColonHasEmptyValue() {
    // "data" alone appends an empty line; two of them make data "\n".
    assertThat(parseEverySplit("data\ndata\n\ndata\n\n"))
        .containsExactly(new ServerSentEvent("message", "\n", ""), new ServerSentEvent("message", "", ""));
  }

  @Test
  void eventWithoutDataIsNotDispatchedAndResetsType() {
    assertThat(parseEverySplit("event: lonely\n\ndata: y\n\n"))
        .containsExactly(new ServerSentEvent("message", "y", ""));
  }

  @Test
  void lastEventIdPersistsAndIdWithNullIsIgnored() {
    assertThat(parseEverySplit("id: 7\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\n"))
        .containsExactly(
            new ServerSentEvent("message", "a", "7"),
            new ServerSentEvent("message", "b", "7"),
            new ServerSentEvent("message", "c", "7"),
            new ServerSentEvent("message", "d", ""));
  }

  @Test
  void retryTakesOnlyDigits() {
    List<Long> retries = new ArrayList<>();
    ServerSentEventParser parser = new ServerSentEventParser(e -> { }, retries::add);
    parser.feed("retry: 1500\nretry: 12a\nretry:\nretry: 300\n\n".getBytes(StandardCharsets.UTF_8));
    assertThat(retries).containsExactly(1500L, 300L);
  }

  @Test
  void trailingEventWithoutBlankLineIsNotDispatched() {
    assertThat(parseEverySplit("data: done\n\ndata: cut off\n")).containsExactly(new ServerSentEvent("message", "done", ""));
    assertThat(parseEverySplit("data: no newline at all")).isEmpty();
  }

  @Test
  void stripsOneLeadingBomAndDecodesSplitMultiByteCharacters() {
    String text = "\uFEFFdata: caf\u00e9 \u20ac \uD83D\uDE00 \u4e2d\u6587\n\n\uFEFFdata: z\n\n";
    assertThat(parseEverySplit(text)).containsExactly(
        // Only the first BOM of the stream is dropped; a later one makes an unknown field name.
        new ServerSentEvent("message", "caf\u00e9 \u20ac \uD83D\uDE00 \u4e2d\u6587", ""));
  }

  @Test
  void bomPrefixThatIsNotABomIsKept() {
    byte[] input = {(byte) 0xEF, 'd', 'a', 't', 'a', ':', 'q', '\n', 'd', 'a', 't', 'a', ':', 'r', '\n', '\n'};
    assertThat(parse(input, 1)).containsExactly(new ServerSentEvent("message", "r", ""));
  }

  @Test
  void openAiStyleStreamParsesInOrder() {
    String text = "data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n";
    assertThat(parseEverySplit(text)).extracting(ServerSentEvent::data)
        .containsExactly("{\"a\":1}", "{\"a\":2}", "[DONE]");
  }
}
