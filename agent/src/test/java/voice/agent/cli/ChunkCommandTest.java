package voice.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import voice.agent.Main;

/** {@code voice-agent chunk} run in-process with stdin, stdout and stderr redirected. */
class ChunkCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final InputStream savedIn = System.in;
  private final PrintStream savedOut = System.out;
  private final PrintStream savedErr = System.err;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void redirect() {
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setIn(savedIn);
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private int run(String stdin, String... args) {
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return Main.run(args);
  }

  private List<JsonNode> outLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  private List<String> texts() throws Exception {
    return outLines().stream().map(n -> {
      assertThat(n.size()).as("only a text field: %s", n).isEqualTo(1);
      return n.get("text").asText();
    }).toList();
  }

  @Test
  void printsOneJsonLinePerSentenceWithSentences() throws Exception {
    int code = run("Dr. Smith left at 5 p.m. Then he slept. Version 17.0.2 costs $4.50. Bye", "chunk",
        "--sentences");
    assertThat(code).isZero();
    assertThat(texts()).containsExactly(
        "Dr. Smith left at 5 p.m.", "Then he slept.", "Version 17.0.2 costs $4.50.", "Bye");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void defaultChunkingMergesAndEmitsTheFirstClauseEarly() throws Exception {
    assertThat(run("The capital of France is Paris, a big city. Yes. It is.\n- one\n", "chunk")).isZero();
    assertThat(texts()).containsExactly(
        // the rest of the first sentence is short, so it waits to merge with the next
        "The capital of France is Paris,", "a big city. Yes. It is.", "- one");
  }

  @Test
  void pieceSizeDoesNotChangeTheChunksAndKeepsUnicodeIntact() throws Exception {
    String text = "Caf\u00E9 \uD83D\uDE00 ok. \u4ECA\u5929\u3002Na\u00EFve \uD83C\uDF89! \"Quoted.\" Then.";
    assertThat(run(text, "chunk", "--sentences", "--piece", "1")).isZero();
    List<String> byOne = texts();
    out.reset();
    assertThat(run(text, "chunk", "--sentences", "--piece", "1000")).isZero();
    assertThat(texts()).isEqualTo(byOne).containsExactly(
        "Caf\u00E9 \uD83D\uDE00 ok.", "\u4ECA\u5929\u3002", "Na\u00EFve \uD83C\uDF89!", "\"Quoted.\"", "Then.");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // guards against a hang only
  void printsEachChunkAsSoonAsItIsEmitted() throws Exception {
    PipedOutputStream stdinWriter = new PipedOutputStream();
    System.setIn(new PipedInputStream(stdinWriter));
    PipedInputStream stdoutReader = new PipedInputStream(1 << 16);
    PrintStream stdout = new PrintStream(new PipedOutputStream(stdoutReader), true, StandardCharsets.UTF_8);
    System.setOut(stdout);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
      try {
        return Main.run("chunk", "--sentences");
      } finally {
        stdout.close(); // whatever happens, the reader below sees the end instead of waiting
      }
    });
    BufferedReader lines = new BufferedReader(new InputStreamReader(stdoutReader, StandardCharsets.UTF_8));

    write(stdinWriter, "First one here. Sec");
    assertThat(JSON.readTree(lines.readLine()).get("text").asText()).isEqualTo("First one here.");
    write(stdinWriter, "ond one? And");
    assertThat(JSON.readTree(lines.readLine()).get("text").asText()).isEqualTo("Second one?");
    stdinWriter.close();
    assertThat(JSON.readTree(lines.readLine()).get("text").asText()).isEqualTo("And");
    assertThat(exit.get()).isZero();
  }

  private static void write(OutputStream stream, String text) throws Exception {
    stream.write(text.getBytes(StandardCharsets.UTF_8));
    stream.flush();
  }

  @Test
  void jsonlTreatsEachLineAsItsOwnStreamAndEchoesTheId() throws Exception {
    String input = """
        {"id": 7, "text": "One. Two"}
        {"id": "b", "text": "Mr. Lee is here. He waves."}

        {"id": 1.50, "text": ""}
        {"id": {"k": [1]}, "text": "x"}
        {"text": "No id."}
        """;
    assertThat(run(input, "chunk", "--jsonl", "--sentences")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"id\":7,\"chunks\":[\"One.\",\"Two\"]}\n");
    List<JsonNode> lines = outLines();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1).get("id").isTextual()).isTrue();
    assertThat(lines.get(1).get("chunks")).hasSize(2);
    assertThat(lines.get(1).get("chunks").get(0).asText()).isEqualTo("Mr. Lee is here.");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("{\"id\":1.50,\"chunks\":[]}");
    assertThat(lines.get(3).get("id").get("k").get(0).asInt()).isEqualTo(1);
    assertThat(lines.get(3).get("chunks").get(0).asText()).isEqualTo("x");
    assertThat(lines.get(4).get("id").isNull()).isTrue();
  }

  @Test
  void badJsonLineNamesTheLineAndFails() throws Exception {
    String input = "{\"id\":1,\"text\":\"Fine. Yes\"}\n{\"id\":2,\"text\":\"unterminated}\n{\"id\":3,\"text\":\"x\"}\n";
    int code = run(input, "chunk", "--jsonl");
    assertThat(code).isNotZero();
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(stderr.lines()).hasSize(1);
    assertThat(stderr).startsWith("voice-agent: stdin line 2 is not valid JSON").doesNotContain("Exception");
    assertThat(outLines()).hasSize(1); // line 1 was answered before line 2 failed
  }

  @Test
  void jsonLineWithoutTextFails() {
    for (String bad : List.of("[1,2]", "{\"id\":1}", "{\"id\":1,\"text\":5}", "{\"text\":\"a\"} trailing")) {
      err.reset();
      assertThat(run("\n" + bad + "\n", "chunk", "--jsonl")).as(bad).isNotZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).as(bad).startsWith("voice-agent: stdin line 2 ")
          .hasLineCount(1);
    }
  }

  @Test
  void rejectsAPieceThatIsNotPositive() {
    for (String piece : List.of("0", "-3")) {
      err.reset();
      assertThat(run("Hello.", "chunk", "--piece", piece)).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .isEqualTo("voice-agent: --piece must be a positive number of characters, got " + piece + "\n");
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void rejectsAPieceThatIsNotANumber() {
    assertThat(run("Hello.", "chunk", "--piece", "many")).isNotZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("voice-agent: ").hasLineCount(1);
  }
}
