package voice.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunker's evaluation set: golden-rule categories (after pragmatic segmenter / pySBD, with
 * our own examples) and answers written the way language models write them, in
 * {@code sentence-cases.jsonl}. The file is also valid input for
 * {@code voice-agent chunk --jsonl --sentences --piece 3}.
 */
class SentenceCasesTest {
  /** The share of cases split exactly right when streamed 3 characters at a time. */
  private static final double GOAL = 0.98;

  record Case(String id, String text, List<String> sentences) {
    @Override
    public String toString() {
      return id;
    }
  }

  static List<Case> cases() {
    ObjectMapper json = new ObjectMapper();
    List<Case> cases = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        SentenceCasesTest.class.getResourceAsStream("sentence-cases.jsonl"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode node = json.readTree(line);
        List<String> sentences = new ArrayList<>();
        node.get("sentences").forEach(s -> sentences.add(s.asText()));
        cases.add(new Case(node.get("id").asText(), node.get("text").asText(), sentences));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  static Stream<Case> allCases() {
    return cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void streamedAtEverySplitEqualsWholeText(Case c) {
    // StreamedChunks asserts that every way of feeding the text agrees.
    StreamedChunks.chunk(ChunkerOptions.sentences(), c.text());
    StreamedChunks.chunk(ChunkerOptions.defaults(), c.text());
  }

  @Test
  void splitsAtLeastTheGoalShareExactlyWhenFedThreeCharactersAtATime() {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(160);
    List<String> misses = new ArrayList<>();
    for (Case c : cases) {
      List<String> got = inCodePoints(c.text(), 3);
      if (!got.equals(c.sentences())) {
        misses.add(c.id() + "\n    expected " + c.sentences() + "\n    got      " + got);
      }
    }
    double share = 1.0 - (double) misses.size() / cases.size();
    System.out.printf(Locale.ROOT, "chunker: %d of %d cases exact (%.1f %%)%n",
        cases.size() - misses.size(), cases.size(), 100 * share);
    misses.forEach(m -> System.out.println("  miss: " + m));
    assertThat(share).as("exact share; misses:%n%s", String.join("\n", misses)).isGreaterThanOrEqualTo(GOAL);
  }

  /** As {@code voice-agent chunk --piece N} feeds stdin: N code points at a time. */
  private static List<String> inCodePoints(String text, int n) {
    SentenceChunker chunker = new SentenceChunker(ChunkerOptions.sentences());
    List<String> chunks = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = text.offsetByCodePoints(i, Math.min(n, text.codePointCount(i, text.length())));
      chunks.addAll(chunker.feed(text.substring(i, end)));
      i = end;
    }
    chunks.addAll(chunker.flush());
    return chunks;
  }
}
