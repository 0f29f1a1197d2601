package voice.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {
  private static final ModelEntry ENTRY = new ModelEntry("m", "llm-gguf", URI.create("http://x/m"),
      1_000_000, "a".repeat(64), ModelEntry.Archive.NONE, "", "", "", List.of(), 0);

  private static List<String> run(ProgressListener listener, ByteArrayOutputStream bytes, long total) {
    listener.started(ENTRY, 0, total);
    for (long done = 1000; done <= 1_000_000; done += 1000) {
      listener.transferred(done, total);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void plainOutputIsAFewLinesEndingAtOneHundredPercent() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<String> lines = run(new ProgressLines(new PrintStream(bytes, true)), bytes, 1_000_000);

    assertThat(lines.get(0)).isEqualTo("downloading m (1.0 MB) from http://x/m");
    assertThat(lines).hasSizeBetween(2, 11).noneMatch(l -> l.contains("\r"));
    assertThat(lines.get(lines.size() - 1)).startsWith("m: 1.0 MB of 1.0 MB (100%)");
  }

  @Test
  void aTerminalGetsOneBarRedrawnInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    run(new TerminalProgressBar(new PrintStream(bytes, true)), bytes, 1_000_000);

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\n").startsWith("\r");
    assertThat(text.split("\r")[text.split("\r").length - 1])
        .startsWith("m [========================] 100% 1.0 MB / 1.0 MB").contains("/s", "ETA");
  }
}
