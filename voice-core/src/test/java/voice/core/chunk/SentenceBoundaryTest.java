package voice.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sentence boundaries by the categories of the "golden rules" of pragmatic segmenter / pySBD,
 * with our own examples. Each text is also streamed split at every character and in small pieces.
 */
class SentenceBoundaryTest {

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("simple period", "The kettle boiled. We made tea.",
            "The kettle boiled.", "We made tea."),
        rule("question mark", "Is the shop open? It closes at noon.",
            "Is the shop open?", "It closes at noon."),
        rule("exclamation mark", "Watch out! The floor is wet.",
            "Watch out!", "The floor is wet."),
        rule("double punctuation", "Really?! You won?? Amazing!! Tell me more!?",
            "Really?!", "You won??", "Amazing!!", "Tell me more!?"),
        rule("one-letter upper-case initial", "The report was written by Anna K. Berg last spring.",
            "The report was written by Anna K. Berg last spring."),
        rule("several initials", "I am reading J. R. R. Tolkien again. It is long.",
            "I am reading J. R. R. Tolkien again.", "It is long."),
        rule("one-letter lower-case abbreviation before a number", "The table is on p. 12 of the guide.",
            "The table is on p. 12 of the guide."),
        rule("abbreviation before a lower-case word", "Ask Tom and co. about the plan.",
            "Ask Tom and co. about the plan."),
        rule("abbreviation ending a sentence", "Ask Tom and co. They will know.",
            "Ask Tom and co.", "They will know."),
        rule("company abbreviation ending a sentence", "She joined Acme Inc. It was her first job.",
            "She joined Acme Inc.", "It was her first job."),
        rule("titles", "Dr. Lee met Mr. Adams and Mrs. Brown at noon.",
            "Dr. Lee met Mr. Adams and Mrs. Brown at noon."),
        rule("prepositive place abbreviations", "We climbed Mt. Hood and then visited St. Louis.",
            "We climbed Mt. Hood and then visited St. Louis."),
        rule("possessive abbreviation", "That is Sam Jr.'s bike.", "That is Sam Jr.'s bike."),
        rule("multi-period abbreviation mid-sentence", "She moved to the U.K. last spring.",
            "She moved to the U.K. last spring."),
        rule("multi-period abbreviation before a name", "He worked for the U.S. Navy for years.",
            "He worked for the U.S. Navy for years."),
        rule("multi-period abbreviation ending a sentence", "They live in the U.S. What about you?",
            "They live in the U.S.", "What about you?"),
        rule("e.g. and i.e.", "Use a fruit, e.g. Apples, i.e. The red kind. Then bake.",
            "Use a fruit, e.g. Apples, i.e. The red kind.", "Then bake."),
        rule("lower-case a.m./p.m. then a new sentence", "The train leaves at 7 a.m. Then it rains.",
            "The train leaves at 7 a.m.", "Then it rains."),
        rule("p.m. before a title and name", "At 6 p.m. Dr. Ross arrived.",
            "At 6 p.m. Dr. Ross arrived."),
        rule("a.m. mid-sentence", "It opens at 9 a.m. every day.", "It opens at 9 a.m. every day."),
        rule("decimals", "The value is 3.14 exactly. Pi is longer.",
            "The value is 3.14 exactly.", "Pi is longer."),
        rule("version numbers", "Install Java 17.0.2 first. Then run it.",
            "Install Java 17.0.2 first.", "Then run it."),
        rule("prices", "It costs $4.50. That is cheap.", "It costs $4.50.", "That is cheap."),
        rule("times", "Meet me at 10:30. Bring coffee.", "Meet me at 10:30.", "Bring coffee."),
        rule("number ending a sentence", "We sold 1,250. Next year more.",
            "We sold 1,250.", "Next year more."),
        rule("number abbreviation", "See No. 5 and Fig. 3 below.", "See No. 5 and Fig. 3 below."),
        rule("URL", "Docs are at https://example.org/v2.1/index.html. Read them.",
            "Docs are at https://example.org/v2.1/index.html.", "Read them."),
        rule("URL with a query", "Open http://x.io/a?b=1 now. Thanks.",
            "Open http://x.io/a?b=1 now.", "Thanks."),
        rule("e-mail address", "Write to ana.silva@mail.example.com. She replies fast.",
            "Write to ana.silva@mail.example.com.", "She replies fast."),
        rule("ellipsis before lower case", "Wait... what? No way.", "Wait... what?", "No way."),
        rule("ellipsis before upper case", "I thought so... Then I left.",
            "I thought so...", "Then I left."),
        rule("ellipsis character", "Well\u2026 maybe. Sure\u2026 Why not?",
            "Well\u2026 maybe.", "Sure\u2026", "Why not?"),
        rule("four-dot ellipsis", "It ended there.... She went home.",
            "It ended there....", "She went home."),
        rule("spaced ellipsis inside a sentence", "He paused . . . I waited for him.",
            "He paused . . . I waited for him."),
        rule("spaced four-dot ellipsis", "He stopped talking. . . . Nobody moved.",
            "He stopped talking. . . .", "Nobody moved."),
        rule("double quotes inside a sentence", "She said, \"It is late.\" and left.",
            "She said, \"It is late.\" and left."),
        rule("quote ending a sentence", "He said \"Hi.\" Then he sat down.",
            "He said \"Hi.\"", "Then he sat down."),
        rule("curly quotes", "She wrote \u201CDone!\u201D Then she slept.",
            "She wrote \u201CDone!\u201D", "Then she slept."),
        rule("single quotes inside a sentence", "He said 'Go away.' she told me.",
            "He said 'Go away.' she told me."),
        rule("parenthetical sentence inside", "He studied law (He was a clerk before.) in Paris.",
            "He studied law (He was a clerk before.) in Paris."),
        rule("parenthesis ending a sentence", "Add salt (a pinch.) Stir well.",
            "Add salt (a pinch.)", "Stir well."),
        rule("exclamation in a name", "She works at Yahoo! in sales.", "She works at Yahoo! in sales."),
        rule("I as a sentence end and as an initial", "It was you and I. Did Albert I. Jones come?",
            "It was you and I.", "Did Albert I. Jones come?"),
        rule("newlines are boundaries", "first line\nsecond line\n\nthird",
            "first line", "second line", "third"),
        rule("CRLF line ends", "One\r\nTwo\r\n", "One", "Two"),
        rule("bullet lists", "Buy:\n- milk\n- eggs.\n* bread", "Buy:", "- milk", "- eggs.", "* bread"),
        rule("numbered list", "Steps:\n1. Open it.\n2. Close it.\n10. Done", "Steps:", "1. Open it.",
            "2. Close it.", "10. Done"),
        rule("lettered and roman list", "a. Apples\nIV. Results", "a. Apples", "IV. Results"),
        rule("inline bullets", "\u2022 9. First item \u2022 10. Second item",
            "\u2022 9. First item", "\u2022 10. Second item"),
        rule("markdown heading", "## Results\nIt worked. Mostly.", "## Results", "It worked.", "Mostly."),
        rule("markdown bold sentence", "**Note.** Keep it dry.", "**Note.**", "Keep it dry."),
        rule("geo and symbols", "Go to N\u00B0. 1026.253.553. The box is there.",
            "Go to N\u00B0. 1026.253.553.", "The box is there."),
        rule("no final punctuation", "Hello there", "Hello there"),
        rule("only spaces", "  \n  "),
        rule("CJK full stops", "\u4ECA\u5929\u5F88\u597D\u3002\u6211\u4EEC\u8D70\u5427\uFF01",
            "\u4ECA\u5929\u5F88\u597D\u3002", "\u6211\u4EEC\u8D70\u5427\uFF01"),
        rule("question in quotes before lower case", "\"Why?\" she asked. Then she left.",
            "\"Why?\" she asked.", "Then she left."),
        rule("degree abbreviation ending a sentence", "She has a Ph.D. He does not.",
            "She has a Ph.D.", "He does not."),
        rule("dotted initials before a name", "I read J.R.R. Tolkien. It was long.",
            "I read J.R.R. Tolkien.", "It was long."),
        rule("sentence starting with a number", "It rained. 3 people came.", "It rained.", "3 people came."),
        rule("sentence starting with a quote", "It rained. \"Go,\" she said.", "It rained.",
            "\"Go,\" she said."));
  }

  private static Arguments rule(String category, String text, String... sentences) {
    return Arguments.of(category, text, List.of(sentences));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void splitsSentencesLikeTheGoldenRules(String category, String text, List<String> sentences) {
    assertThat(StreamedChunks.chunk(ChunkerOptions.sentences(), text)).isEqualTo(sentences);
  }
}
