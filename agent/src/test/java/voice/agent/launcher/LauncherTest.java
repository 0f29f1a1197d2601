package voice.agent.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code voice-agent} launcher, run on a tiny Maven project laid out like this one (its jar at
 * agent/target/voice-agent.jar), so that a build takes seconds: it builds when the jar is missing or
 * older than a source, shows no terminal escape codes, and names what to install when java is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LauncherTest {
  private static final Path LAUNCHER = Path.of("../voice-agent").toAbsolutePath().normalize();
  private static final String ESC = "\u001b";
  @TempDir static Path project;

  @BeforeAll
  static void layOutProject() throws IOException {
    Files.copy(LAUNCHER, project.resolve("voice-agent"));
    project.resolve("voice-agent").toFile().setExecutable(true);
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.voiceagent.launchertest</groupId>
          <artifactId>probe</artifactId>
          <version>1</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <build>
            <directory>agent/target</directory>
            <finalName>voice-agent</finalName>
            <plugins>
              <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
              <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.3</version></plugin>
              <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
              <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version>
                <configuration><archive><manifest><mainClass>Probe</mainClass></manifest></archive></configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """);
    writeProbe("probe v1");
  }

  @Test
  @Order(1)
  void buildsTheJarOnFirstUseWithoutEscapeCodes() throws Exception {
    Run run = launch(System.getenv("PATH"));
    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).isEqualTo("probe v1\n");
    assertThat(run.err).contains("building the jar").doesNotContain(ESC);
    assertThat(project.resolve("agent/target/voice-agent-default.jsa")).as("class-data archive for start-up").exists();
  }

  @Test
  @Order(2)
  void rebuildsWhenASourceIsNewerThanTheJar() throws Exception {
    writeProbe("probe v2");
    makeJarOlderThanTheSources();
    Run run = launch(System.getenv("PATH"));
    assertThat(run.out).as(run.err).isEqualTo("probe v2\n");
    assertThat(run.err).contains("sources changed").doesNotContain(ESC);
  }

  @Test
  @Order(3)
  void anUpToDateJarRunsWithoutBuilding() throws Exception {
    Run run = launch(System.getenv("PATH"));
    assertThat(run.out).isEqualTo("probe v2\n");
    assertThat(run.err).isEmpty();
  }

  @Test
  @Order(4)
  void aBuildErrorIsShownPlainWithOneClosingLine() throws Exception {
    Files.writeString(project.resolve("src/main/java/Probe.java"), "class Probe { broken }");
    makeJarOlderThanTheSources();
    Run run = launch(System.getenv("PATH"));
    assertThat(run.code).isEqualTo(1);
    assertThat(run.err).contains("Probe.java").doesNotContain(ESC).endsWith("voice-agent: build failed (output above)\n");
  }

  @Test
  void withoutJavaItSaysWhatToInstall(@TempDir Path bin) throws Exception {
    for (String tool : List.of("bash", "dirname", "find", "env")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
    }
    Run run = launch(bin.toString());
    assertThat(run.code).isEqualTo(1);
    assertThat(run.err).isEqualTo("voice-agent: java not found: install Java 17 and Maven "
        + "(Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless maven)\n");
  }

  /** File times have a coarse grain: an edit within the same second as the build must still count. */
  private static void makeJarOlderThanTheSources() throws IOException {
    Path jar = project.resolve("agent/target/voice-agent.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
  }

  @Test
  void anUnknownProfileIsRefusedInOneLine() throws Exception {
    Run run = launch(System.getenv("PATH"), "tiny");
    assertThat(run.code).isEqualTo(2);
    assertThat(run.err).endsWith("voice-agent: unknown VOICE_AGENT_PROFILE 'tiny': use small or default\n");
  }

  private static void writeProbe(String line) throws IOException {
    Path source = project.resolve("src/main/java/Probe.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "public class Probe { public static void main(String[] a) { System.out.println(\""
        + line + "\"); } }");
  }

  private record Run(int code, String out, String err) {}

  private static Run launch(String path) throws Exception {
    return launch(path, "default");
  }

  private static Run launch(String path, String profile) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(project.resolve("voice-agent").toString()).directory(project.toFile());
    Map<String, String> env = builder.environment();
    env.put("PATH", path);
    env.put("VOICE_AGENT_PROFILE", profile);
    Path out = Files.createTempFile(project, "out", ".txt");
    Path err = Files.createTempFile(project, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the launcher did not finish in 300 s");
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
