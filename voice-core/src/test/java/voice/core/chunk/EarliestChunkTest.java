package voice.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rules that look past a sentence's end hold it back only as long as they must: a chunk
 * leaves with the first character that proves its end.
 */
class EarliestChunkTest {
  private final SentenceChunker chunker = new SentenceChunker(ChunkerOptions.sentences());

  @Test
  void aPlainSentenceLeavesWithTheFirstLetterOfTheNext() {
    assertThat(chunker.feed("It works. N")).containsExactly("It works.");
  }

  @Test
  void anEmojiAfterTheEndIsAwaitedThenKept() {
    assertThat(chunker.feed("Sure thing! ")).isEmpty();
    assertThat(chunker.feed("\uD83D\uDC4D")).isEmpty(); // a skin tone may follow
    assertThat(chunker.feed(" ")).isEmpty();
    assertThat(chunker.feed("H")).containsExactly("Sure thing! \uD83D\uDC4D");
  }

  @Test
  void aCitationIsAwaitedThenKept() {
    assertThat(chunker.feed("Crowned in 1066.[3")).isEmpty();
    assertThat(chunker.feed("] ")).isEmpty();
    assertThat(chunker.feed("L")).containsExactly("Crowned in 1066.[3]");
  }

  @Test
  void anInlineListItemEndsWhenTheNextMarkerIsComplete() {
    assertThat(chunker.feed("1) eggs 2")).isEmpty();
    assertThat(chunker.feed(")")).isEmpty();
    assertThat(chunker.feed(" ")).containsExactly("1) eggs");
    assertThat(chunker.flush()).containsExactly("2)");
  }

  @Test
  void anInitialWaitsForTheWholeNextWordOnly() {
    assertThat(chunker.feed("Pick option B. The")).isEmpty(); // "Theodore" would be a name
    assertThat(chunker.feed("n")).isEmpty();
    assertThat(chunker.feed(" ")).containsExactly("Pick option B.");
  }

  @Test
  void aSentenceInsideAQuotationWaitsForTheQuotationToClose() {
    assertThat(chunker.feed("She said, \"Go home. It is late.")).isEmpty();
    assertThat(chunker.feed("\" T")).containsExactly("She said, \"Go home. It is late.\"");
  }

  @Test
  void anUnclosedQuotationHoldsNoLongerThanItsWindow() {
    String open = "He wrote \"Go home. ";
    assertThat(chunker.feed(open + "X".repeat(Quotations.WINDOW - 2))).isEmpty();
    assertThat(chunker.feed("X")).containsExactly("He wrote \"Go home.");
  }
}
