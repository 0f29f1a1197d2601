package voice.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Feeds a text to a fresh chunker in different ways and checks they all agree. */
final class StreamedChunks {
  private StreamedChunks() {}

  static List<String> whole(ChunkerOptions options, String text) {
    SentenceChunker chunker = new SentenceChunker(options);
    List<String> chunks = new ArrayList<>(chunker.feed(text));
    chunks.addAll(chunker.flush());
    return chunks;
  }

  static List<String> splitAt(ChunkerOptions options, String text, int at) {
    SentenceChunker chunker = new SentenceChunker(options);
    List<String> chunks = new ArrayList<>(chunker.feed(text.substring(0, at)));
    chunks.addAll(chunker.feed(text.substring(at)));
    chunks.addAll(chunker.flush());
    return chunks;
  }

  static List<String> inPieces(ChunkerOptions options, String text, int size) {
    SentenceChunker chunker = new SentenceChunker(options);
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < text.length(); i += size) {
      chunks.addAll(chunker.feed(text.substring(i, Math.min(text.length(), i + size))));
    }
    chunks.addAll(chunker.flush());
    return chunks;
  }

  /**
   * Chunks the text whole, then split at every character boundary and in pieces of 1 to 7
   * characters, asserts every way gives the same chunks, and returns them.
   */
  static List<String> chunk(ChunkerOptions options, String text) {
    List<String> expected = whole(options, text);
    for (int at = 0; at <= text.length(); at++) {
      assertThat(splitAt(options, text, at)).as("split at %d of %s", at, text).isEqualTo(expected);
    }
    for (int size = 1; size <= 7; size++) {
      assertThat(inPieces(options, text, size)).as("pieces of %d of %s", size, text).isEqualTo(expected);
    }
    assertThat(expected).allSatisfy(chunk -> {
      assertThat(chunk).isNotBlank();
      assertThat(chunk).isEqualTo(chunk.strip());
    });
    return expected;
  }
}
