package voice.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random answers built from the tricky pieces of the boundary rules: streamed in any pieces they
 * give the same chunks as whole, and no character other than spacing is lost or added.
 */
class StreamingEquivalenceTest {
  private static final String[] PIECES = {
      "The", "cat", "sat", "on", "the", "mat", "Dr.", "Mr. Smith", "U.S.", "e.g.", "i.e.", "p.m.",
      "a.m.", "3.14", "$4.50", "10:30", "Java 17.0.2", "https://example.org/a.b?c=1",
      "jo.doe@example.com", "J. R. R. Tolkien", "etc.", "Inc.", "No. 5", "p. 12", "I.", "and",
      "but", "because", "which", "1,000", "well-known", "\u2014", "-", ",", ";", ":", ".", ".",
      ".", "?", "!", "?!", "...", "\u2026", ". . .", ". . . .", "\"Hi.\"", "(a note.)", "'ok.'",
      "\n", "\n\n", "\n- ", "\n* ", "\n1. ", "\n## ", "\u2022", "Then", "How", "It", "We", "A",
      "yes", "no", "Paris", "\u201CDone!\u201D", "**Bold.**", "\u3002", "  ", "\r\n",
      "1)", "2)", "3)", "(i)", "(ii)", "a.", "b.", "1.", "2.", "\uD83D\uDC4D", "\uD83C\uDF89\u200D", "[3]",
      "[1][2]", "--", "\u2014", "\"", "\u201C", "\u201D", "Jeopardy!", "Why?", "Magazine", "Co.", "Ltd.",
      "Art.", "B.2", "done.Next", "Pacific", "B.", "option"};

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void streamedChunksEqualWholeTextChunks(int seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 3; round++) {
      String text = randomAnswer(random, 15 + random.nextInt(50));
      for (ChunkerOptions options : List.of(
          ChunkerOptions.defaults(), ChunkerOptions.sentences(),
          new ChunkerOptions(false, true, 8, 30), new ChunkerOptions(false, false, 0, 12))) {
        List<String> chunks = StreamedChunks.chunk(options, text);
        assertThat(withoutSpace(String.join("", chunks))).as("text kept: %s", text)
            .isEqualTo(withoutSpace(text));
      }
    }
  }

  private static String randomAnswer(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      String piece = PIECES[random.nextInt(PIECES.length)];
      boolean glue = piece.length() == 1 && ",;:.?!".contains(piece) || random.nextInt(12) == 0;
      if (!glue && text.length() > 0) {
        text.append(' ');
      }
      text.append(piece);
    }
    return text.toString();
  }

  private static String withoutSpace(String s) {
    return s.codePoints().filter(c -> !Punctuation.isSpace((char) c))
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
  }
}
