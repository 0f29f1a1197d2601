package voice.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging, early first clause and length splits, each streamed every way. */
class ChunkShapingTest {
  private static final ChunkerOptions MERGE_ONLY = new ChunkerOptions(false, false, 20, 150);

  @Test
  void mergesShortSentencesWithTheNext() {
    assertThat(StreamedChunks.chunk(MERGE_ONLY, "Yes. Sure. The capital of France is Paris. Ok."))
        .containsExactly("Yes. Sure. The capital of France is Paris.", "Ok.");
  }

  @Test
  void neverMergesAcrossLines() {
    assertThat(StreamedChunks.chunk(MERGE_ONLY, "# Hi\nYes.\n- a\n- b"))
        .containsExactly("# Hi", "Yes.", "- a", "- b");
  }

  @Test
  void sentencesOptionNeverMerges() {
    assertThat(StreamedChunks.chunk(ChunkerOptions.sentences(), "Yes. Sure. Ok."))
        .containsExactly("Yes.", "Sure.", "Ok.");
  }

  @Test
  void sentencesOptionNeverSplitsNorEmitsEarly() {
    String longSentence = "This sentence, which is long, goes on and on; it has clauses, commas and "
        + "conjunctions but it is still one sentence and stays one chunk however long it gets.";
    assertThat(StreamedChunks.chunk(ChunkerOptions.sentences(), longSentence + " Next."))
        .containsExactly(longSentence, "Next.");
  }

  @Test
  void shapesATypicalMarkdownAnswer() {
    String answer = """
        The capital of France is Paris, which is also its largest city. It has about 2.1 million \
        people. Sure. Ok.
        Paris sits on the Seine in the north of the country and it has been a centre of finance, \
        diplomacy, commerce, fashion, science and the arts for centuries while also being home to \
        landmarks such as the Eiffel Tower and the Louvre that draw millions of visitors every year.

        ## Highlights
        - The Louvre (since 1793).
        - Notre-Dame, e.g. its towers
        """;
    assertThat(StreamedChunks.chunk(ChunkerOptions.defaults(), answer)).containsExactly(
        "The capital of France is Paris,",
        "which is also its largest city.",
        "It has about 2.1 million people.",
        "Sure. Ok.",
        "Paris sits on the Seine in the north of the country and it has been a centre of finance, "
            + "diplomacy, commerce, fashion,",
        // 153 characters: over maxChars, but cutting would leave a tail shorter than minChars
        "science and the arts for centuries while also being home to landmarks such as the Eiffel "
            + "Tower and the Louvre that draw millions of visitors every year.",
        "## Highlights",
        "- The Louvre (since 1793).",
        "- Notre-Dame, e.g. its towers");
  }

  @Test
  void emitsTheFirstClauseEarly() {
    String text = "The capital of France is Paris, a city of two million. It is old, and big.";
    assertThat(StreamedChunks.chunk(ChunkerOptions.defaults(), text)).containsExactly(
        "The capital of France is Paris,", "a city of two million.", "It is old, and big.");
  }

  @Test
  void earlyClauseIsNotTooShortAndOnlyTheFirst() {
    String text = "Yes, it is. Well, sure, the rest waits for the end of its sentence.";
    assertThat(StreamedChunks.chunk(ChunkerOptions.defaults(), text))
        .containsExactly("Yes, it is.", "Well, sure, the rest waits for the end of its sentence.");
  }

  @Test
  void firstSentenceIsNotHeldForMergingWhenEarly() {
    assertThat(StreamedChunks.chunk(ChunkerOptions.defaults(), "Sure. I can do that for you today."))
        .containsExactly("Sure.", "I can do that for you today.");
  }

  @Test
  void splitsALongSentenceAtTheLastClauseBoundaryThatFits() {
    ChunkerOptions options = new ChunkerOptions(false, false, 10, 62);
    String text = "We walked along the river for hours, talking about old times; "
        + "then we stopped at a cafe that served the best coffee in town.";
    assertThat(StreamedChunks.chunk(options, text)).containsExactly(
        "We walked along the river for hours, talking about old times;",
        "then we stopped at a cafe that served the best coffee in town.");
  }

  @Test
  void splitsBeforeAConjunctionWhenThereIsNoPunctuation() {
    ChunkerOptions options = new ChunkerOptions(false, false, 10, 50);
    String text = "The small dog ran across the wide field and jumped over the old wooden fence.";
    assertThat(StreamedChunks.chunk(options, text)).containsExactly(
        "The small dog ran across the wide field", "and jumped over the old wooden fence.");
  }

  @Test
  void splitsAtASpaceAsALastResortAndKeepsEveryChunkWithinTheLimit() {
    ChunkerOptions options = new ChunkerOptions(false, false, 5, 30);
    // no chunk longer than maxChars + minChars: a tail shorter than minChars is not cut off
    String text = "Supercalifragilistic words keep flowing endlessly onward without pause until the end.";
    List<String> chunks = StreamedChunks.chunk(options, text);
    assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(35));
    assertThat(String.join(" ", chunks)).isEqualTo(text);
  }

  @Test
  void neverCutsInsideNumbersOrWords() {
    ChunkerOptions options = new ChunkerOptions(false, false, 5, 20);
    String text = "Prices rose to 1,000,000 at 10:30 in well-known markets today.";
    List<String> chunks = StreamedChunks.chunk(options, text);
    assertThat(String.join(" ", chunks)).isEqualTo(text);
    assertThat(chunks).noneMatch(c -> c.endsWith("1,") || c.endsWith("10:") || c.endsWith("well-"));
  }

  @Test
  void emitsAChunkAsSoonAsItsEndIsCertain() {
    SentenceChunker chunker = new SentenceChunker(ChunkerOptions.sentences());
    assertThat(chunker.feed("Hello world.")).isEmpty();
    assertThat(chunker.feed(" ")).isEmpty(); // "Hello world. and" would go on
    assertThat(chunker.feed("T")).containsExactly("Hello world.");
    assertThat(chunker.feed("hen Dr.")).isEmpty();
    assertThat(chunker.feed(" Who")).isEmpty(); // a title: never an end
    assertThat(chunker.feed(" came?\n")).containsExactly("Then Dr. Who came?");
    assertThat(chunker.feed("Last")).isEmpty();
    assertThat(chunker.flush()).containsExactly("Last");
  }

  @Test
  void emitsTheEarlyClauseBeforeTheSentenceEnds() {
    SentenceChunker chunker = new SentenceChunker(ChunkerOptions.defaults());
    assertThat(chunker.feed("The capital of France is Paris,")).isEmpty();
    assertThat(chunker.feed(" a")).containsExactly("The capital of France is Paris,");
  }

  @Test
  void isReusableAfterFlush() {
    SentenceChunker chunker = new SentenceChunker(ChunkerOptions.sentences());
    assertThat(chunker.feed("One. Two")).containsExactly("One.");
    assertThat(chunker.flush()).containsExactly("Two");
    assertThat(chunker.feed("1. Three. F")).containsExactly("1. Three.");
    assertThat(chunker.flush()).containsExactly("F");
    assertThat(chunker.flush()).isEmpty();
  }

  @Test
  void ignoresEmptyDeltas() {
    SentenceChunker chunker = new SentenceChunker();
    assertThat(chunker.feed("")).isEmpty();
    assertThat(chunker.feed(null)).isEmpty();
    assertThat(chunker.flush()).isEmpty();
  }

  @Test
  void rejectsImpossibleOptions() {
    assertThatThrownBy(() -> new ChunkerOptions(false, true, -1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minChars");
    assertThatThrownBy(() -> new ChunkerOptions(false, true, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxChars");
  }
}
