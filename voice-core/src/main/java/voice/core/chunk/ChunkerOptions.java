package voice.core.chunk;

/**
 * How a {@link SentenceChunker} shapes sentences into speakable chunks.
 *
 * @param sentencesOnly one sentence per chunk: no merging, no early clause, no length split (for
 *     scoring against sentence-split corpora)
 * @param earlyFirstClause emit the first clause of the answer as soon as it is complete, and the
 *     first sentence without waiting to merge it, to cut the time to first audio
 * @param minChars a sentence shorter than this is merged with the next one (never across a line)
 * @param maxChars a sentence longer than this is split at a clause boundary (comma, semicolon,
 *     colon, dash, before a conjunction; a space when there is none), unless what would be left
 *     is shorter than minChars: no chunk exceeds maxChars + minChars
 */
public record ChunkerOptions(boolean sentencesOnly, boolean earlyFirstClause, int minChars, int maxChars) {
  public ChunkerOptions {
    if (minChars < 0) {
      throw new IllegalArgumentException("minChars must be >= 0, got " + minChars);
    }
    if (maxChars < 1) {
      throw new IllegalArgumentException("maxChars must be >= 1, got " + maxChars);
    }
  }

  /** Voice defaults: merge short sentences, split long ones, emit the first clause early. */
  public static ChunkerOptions defaults() {
    return new ChunkerOptions(false, true, 20, 150);
  }

  /** Exactly one sentence per chunk. */
  public static ChunkerOptions sentences() {
    return new ChunkerOptions(true, false, 0, Integer.MAX_VALUE);
  }
}
