package voice.agent.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository documents itself: its links stay inside it, and every event the code emits is in docs/DESIGN.md. */
class DocumentationTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
  /** {@code AgentEvent.of("type"}, {@code AgentEvent.at(time, "type"} and {@code new AgentEvent("type"}. */
  private static final Pattern EVENT_TYPE =
      Pattern.compile("(?:AgentEvent\\.of\\(|AgentEvent\\.at\\([^;\"]*?,|new AgentEvent\\()\\s*\"([a-z_.]+)\"");

  @Test
  void linksResolveInsideTheRepository() throws IOException {
    for (Path doc : documents()) {
      String text = Files.readString(doc);
      assertThat(text).as(doc + " points outside the repository").doesNotContain("../shared");
      Matcher link = LINK.matcher(text);
      while (link.find()) {
        String target = link.group(1);
        if (target.startsWith("http")) {
          continue;
        }
        assertThat(doc.getParent().resolve(target).normalize()).as(doc + " links to " + target).exists();
      }
    }
  }

  @Test
  void everyDesignReferenceNamesTheFileInTheRepository() throws IOException {
    for (Path doc : documents()) {
      String text = Files.readString(doc).replace("docs/DESIGN.md", "").replace("(DESIGN.md", "");
      if (!doc.getParent().endsWith("docs")) {
        assertThat(text).as(doc + " cites DESIGN.md without its path").doesNotContain("DESIGN.md");
      }
    }
  }

  @Test
  void everyEventTypeTheCodeEmitsIsDocumented() throws IOException {
    String design = Files.readString(ROOT.resolve("docs/DESIGN.md"));
    Set<String> emitted = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      for (Path source : files.filter(DocumentationTest::isMainSource).toList()) {
        Matcher type = EVENT_TYPE.matcher(Files.readString(source));
        while (type.find()) {
          emitted.add(type.group(1));
        }
      }
    }
    assertThat(emitted).as("event types found in the sources").contains("tts.chunk", "audio.stop");
    assertThat(emitted).allSatisfy(type -> assertThat(design).as(type + " in docs/DESIGN.md").contains("`" + type + "`"));
  }

  private static boolean isMainSource(Path path) {
    String name = path.toString();
    return name.endsWith(".java") && name.contains("/src/main/java/") && !name.contains("/target/");
  }

  private static List<Path> documents() throws IOException {
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      return Stream.concat(Stream.of(ROOT.resolve("README.md")), docs.filter(p -> p.toString().endsWith(".md"))).toList();
    }
  }
}
