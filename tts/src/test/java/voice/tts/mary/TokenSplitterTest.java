package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSplitterTest {

  @Test
  void punctuationBecomesItsOwnToken() {
    assertThat(TokenSplitter.tokens("(hello,")).containsExactly("(", "hello", ",");
    assertThat(TokenSplitter.tokens("\"Stop!\"")).containsExactly("\"", "Stop", "!", "\"");
    assertThat(TokenSplitter.tokens("wait...")).containsExactly("wait", "...");
  }

  @Test
  void abbreviationsInitialsNumbersAndContractionsStayWhole() {
    assertThat(TokenSplitter.tokens("Dr.")).containsExactly("Dr.");
    assertThat(TokenSplitter.tokens("U.S.")).containsExactly("U.S.");
    assertThat(TokenSplitter.tokens("e.g.,")).containsExactly("e.g.", ",");
    assertThat(TokenSplitter.tokens("J.")).containsExactly("J.");
    assertThat(TokenSplitter.tokens("3.14.")).containsExactly("3.14", ".");
    assertThat(TokenSplitter.tokens("10:30")).containsExactly("10:30");
    assertThat(TokenSplitter.tokens("don't")).containsExactly("don't");
  }

  @Test
  void currencyAndPercentAreSplitFromTheirNumber() {
    assertThat(TokenSplitter.tokens("$3.50")).containsExactly("$", "3.50");
    assertThat(TokenSplitter.tokens("50%.")).containsExactly("50", "%", ".");
  }

  @Test
  void sentencesEndAfterTheirFinalPunctuationAndClosingQuotes() {
    List<List<String>> sentences = TokenSplitter.sentences("He said \"go.\" Dr. Who came! So do I. Fine");
    assertThat(sentences).containsExactly(
        List.of("He", "said", "\"", "go", ".", "\""),
        List.of("Dr.", "Who", "came", "!"),
        List.of("So", "do", "I", "."),
        List.of("Fine"));
  }

  @Test
  void blankTextHasNoSentence() {
    assertThat(TokenSplitter.sentences("   ")).isEmpty();
  }
}
