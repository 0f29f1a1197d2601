package voice.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.core.chunk.ChunkerOptions;
import voice.core.chunk.SentenceChunker;

/**
 * {@code voice-agent chunk}: shows how the agent cuts a streamed answer into speakable chunks.
 * stdin is fed to the chunker a few characters at a time, as an LLM would stream it.
 */
@Command(
    name = "chunk",
    mixinStandardHelpOptions = true,
    description = {
        "Split text from stdin into speakable chunks, fed as if streamed.",
        "Prints one JSON line {\"text\": ...} per chunk as soon as it is emitted."})
public final class ChunkCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false); // echo ids exactly

  @Option(names = "--piece", paramLabel = "N", defaultValue = "4",
      description = "Feed the chunker N characters at a time (default: ${DEFAULT-VALUE}).")
  int piece;

  @Option(names = "--sentences",
      description = "Exactly one sentence per chunk: no merging, no early clause, no length split.")
  boolean sentences;

  @Option(names = "--jsonl",
      description = "Read JSON lines {\"id\":..., \"text\":...}, each its own stream; print "
          + "{\"id\":..., \"chunks\":[...]} per line.")
  boolean jsonl;

  @Override
  public Integer call() throws IOException {
    if (piece <= 0) {
      throw new UserError("--piece must be a positive number of characters, got " + piece, 2);
    }
    SentenceChunker chunker = new SentenceChunker(
        sentences ? ChunkerOptions.sentences() : ChunkerOptions.defaults());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    if (jsonl) {
      chunkLines(chunker, in, out);
    } else {
      chunkStream(chunker, in, out);
    }
    out.flush();
    return 0;
  }

  /** The whole of stdin is one answer; chunks are printed as they are emitted. */
  private void chunkStream(SentenceChunker chunker, Reader in, PrintStream out) throws IOException {
    char[] buffer = new char[8192];
    StringBuilder pending = new StringBuilder();
    int read;
    while ((read = in.read(buffer)) >= 0) {
      pending.append(buffer, 0, read);
      // Keep a high surrogate until its pair arrives, so a piece never splits a character.
      int usable = pending.length();
      if (usable > 0 && Character.isHighSurrogate(pending.charAt(usable - 1))) {
        usable--;
      }
      feedInPieces(chunker, pending.substring(0, usable), chunk -> printText(out, chunk));
      pending.delete(0, usable);
    }
    feedInPieces(chunker, pending.toString(), chunk -> printText(out, chunk));
    chunker.flush().forEach(chunk -> printText(out, chunk));
  }

  /** Each JSON line is its own answer; one output line per input line. */
  private void chunkLines(SentenceChunker chunker, BufferedReader in, PrintStream out) throws IOException {
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode request = parseLine(line, number);
      ObjectNode result = JSON.createObjectNode();
      result.set("id", request.has("id") ? request.get("id") : JSON.nullNode());
      ArrayNode chunks = result.putArray("chunks");
      feedInPieces(chunker, request.get("text").asText(), chunks::add);
      chunker.flush().forEach(chunks::add);
      println(out, result.toString());
    }
  }

  private static JsonNode parseLine(String line, int number) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UserError("stdin line " + number + " is not valid JSON: "
          + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    if (node == null || !node.isObject() || !node.path("text").isTextual()) {
      throw new UserError("stdin line " + number + " must be a JSON object {\"id\":..., \"text\": \"...\"}");
    }
    return node;
  }

  private void feedInPieces(SentenceChunker chunker, String text, Consumer<String> emit) {
    int i = 0;
    while (i < text.length()) {
      int end = i;
      for (int n = 0; n < piece && end < text.length(); n++) {
        end += Character.charCount(text.codePointAt(end));
      }
      List<String> chunks = chunker.feed(text.substring(i, end));
      chunks.forEach(emit);
      i = end;
    }
  }

  private static void printText(PrintStream out, String chunk) {
    ObjectNode line = JSON.createObjectNode().put("text", chunk);
    println(out, line.toString());
  }

  private static void println(PrintStream out, String line) {
    out.print(line);
    out.print('\n');
    out.flush();
    if (System.out.checkError()) { // e.g. "| head -1" went away: stop reading
      throw new UserError("stdout was closed");
    }
  }
}
