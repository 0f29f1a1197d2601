package voice.tts.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import marytts.LocalMaryInterface;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import voice.tts.mary.MaryTtsEngine;

/**
 * The README's "What is spoken" table is built from the same cases {@link SpokenFormsTest}
 * checks, with what MaryTTS then says (its WORDS stage: numbers and symbols as words), so the
 * table stays true. When a case changes, the test writes the new table to
 * {@code tts/target/what-is-spoken.md} and fails until the README holds it.
 */
class WhatIsSpokenTableTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String BEGIN = "<!-- what-is-spoken:begin -->";
  private static final String END = "<!-- what-is-spoken:end -->";
  private static LocalMaryInterface words;

  @BeforeAll
  static void startMary() throws Exception {
    MaryTtsEngine.start(); // starts MaryTTS for the process; this interface only expands words
    words = new LocalMaryInterface();
    words.setVoice(MaryTtsEngine.VOICE);
    words.setOutputType("WORDS");
  }

  @Test
  void readmeTableMatchesTheCases() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("| Written by the model | Handed to MaryTTS (`spoken`) | What MaryTTS says |");
    lines.add("|---|---|---|");
    for (SpokenCase c : SpokenCase.all()) {
      String spoken = SpeakableText.of(c.input());
      lines.add("| " + code(c.input()) + " | " + code(spoken) + " | " + said(spoken) + " |");
    }
    String table = String.join("\n", lines);
    Path generated = Path.of("target", "what-is-spoken.md");
    Files.createDirectories(generated.getParent());
    Files.writeString(generated, table + "\n", StandardCharsets.UTF_8);

    String readme = Files.readString(README, StandardCharsets.UTF_8);
    assertThat(readme).contains(BEGIN, END);
    String current = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END)).strip();
    assertThat(current).as("README's \"What is spoken\" table is out of date: replace it with tts/%s", generated)
        .isEqualTo(table);
  }

  /** MaryTTS's words for the text, punctuation left out. */
  private static String said(String text) throws Exception {
    Document doc = words.generateXML(text);
    NodeList tokens = doc.getElementsByTagName("t");
    List<String> said = new ArrayList<>();
    for (int i = 0; i < tokens.getLength(); i++) {
      String token = tokens.item(i).getTextContent().strip();
      if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
        said.add(token);
      }
    }
    return String.join(" ", said);
  }

  private static String code(String text) {
    String cell = text.replace("\n", " \u21B5 ").replace("|", "\\|");
    return cell.contains("`") ? "`` " + cell + " ``" : "`" + cell + "`";
  }
}
