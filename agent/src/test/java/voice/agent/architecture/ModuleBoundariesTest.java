package voice.agent.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/CONTRIBUTING.md, read from the sources: feature modules meet only on
 * voice-core, and stages speak typed messages only (the public events are written by the
 * projector at the edge and read by the application's outputs, never by a stage).
 */
class ModuleBoundariesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** Each module below the application, and the packages it may use. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "voice-core", Set.of("core"),
      "llm-stream", Set.of("core", "llm"),
      "tts", Set.of("core", "tts"),
      "stt", Set.of("core", "stt"),
      "audio-io", Set.of("core", "audio"),
      "models", Set.of("models"));
  private static final Pattern PROJECT_PACKAGE = Pattern.compile("\\bvoice\\.(core|llm|tts|stt|audio|models|agent)\\.");
  /** String literals and comments: bus addresses ({@code "voice.tts.text"}) are names, not packages. */
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\n]*");
  /** A string literal shaped like a public event type: {@code "audio.stop"}, {@code "llm.text_delta"}. */
  private static final Pattern EVENT_TYPE_LITERAL =
      Pattern.compile("\"(?:capture|vad|stt|llm|tts|audio|turn|metrics)(?:\\.[a-z_]+)?\"");

  @Test
  void featureModulesUseOnlyVoiceCoreAndThemselves() throws IOException {
    for (var module : ALLOWED.entrySet()) {
      Set<String> used = new TreeSet<>();
      for (Path source : sources(module.getKey(), "main", "test")) {
        String code = COMMENT.matcher(STRING.matcher(Files.readString(source)).replaceAll("\"\"")).replaceAll("");
        Matcher use = PROJECT_PACKAGE.matcher(code);
        while (use.find()) {
          if (!module.getValue().contains(use.group(1))) {
            used.add(ROOT.relativize(source) + " uses voice." + use.group(1));
          }
        }
      }
      assertThat(used).as(module.getKey() + " reaches into another feature module").isEmpty();
    }
  }

  @Test
  void noStageOutsideTheProjectorWritesOrReadsPublicEvents() throws IOException {
    Set<String> found = new TreeSet<>();
    int stages = 0;
    for (String module : ALLOWED.keySet()) {
      for (Path source : sources(module, "main")) {
        String path = source.toString();
        if (path.contains("/voice/core/event/") || path.endsWith("/voice/core/bus/Codecs.java")
            || path.endsWith("/voice/core/bus/Addresses.java")) {
          continue; // the projector and the event's own type, its codec and its address
        }
        stages++;
        String text = Files.readString(source);
        for (String mark : List.of("AgentEvent", "Addresses.EVENTS")) {
          if (text.contains(mark)) {
            found.add(ROOT.relativize(source) + " mentions " + mark);
          }
        }
        Matcher literal = EVENT_TYPE_LITERAL.matcher(text);
        while (literal.find()) {
          found.add(ROOT.relativize(source) + " matches the event type " + literal.group());
        }
      }
    }
    assertThat(stages).as("sources checked").isGreaterThan(100);
    assertThat(found).isEmpty();
  }

  private static List<Path> sources(String module, String... kinds) throws IOException {
    List<Path> out = new java.util.ArrayList<>();
    for (String kind : kinds) {
      Path dir = ROOT.resolve(module).resolve("src").resolve(kind).resolve("java");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
        }
      }
    }
    assertThat(out).as(module + " sources").isNotEmpty();
    return out;
  }
}
