package voice.agent.ask;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.Main;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.core.event.MonotonicClock;

/** Ctrl-C while the agent speaks: the voice stops, the upstream request is closed, the process exits non-zero. */
class InterruptTest {
  private static Vertx vertx;
  private static PacedOpenAiServer server;

  @TempDir Path dir;

  @BeforeAll
  static void startServer() {
    vertx = Vertx.vertx();
    server = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(80), 100, 20).start().await();
    // The model keeps writing (never finishes) while the voice speaks the first sentences.
    server.holdAfter(20, new CompletableFuture<>());
  }

  @AfterAll
  static void stopServer() {
    server.close().await();
    vertx.close().await();
  }

  @Test
  void ctrlCDuringSpeechClosesUpstreamAndExitsNonZero() throws Exception {
    Path events = dir.resolve("events.jsonl");
    Path stderr = dir.resolve("stderr.txt");
    Process agent = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "ask", "Tell me about Paris.", "--llm-base-url", server.baseUrl(), "--out", dir.resolve("a.wav").toString(),
        "--realtime", "--events", events.toString())
        .redirectError(stderr.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(events) && Files.readString(events).contains("\"type\":\"audio.start\""))) {
        assertThat(agent.isAlive()).as("agent still running: " + read(stderr)).isTrue();
        assertThat(System.nanoTime()).as("speech started within 60 s").isLessThan(deadline);
        Thread.sleep(20);
      }
      double interruptedAt = MonotonicClock.millisPrecise();
      new ProcessBuilder("kill", "-INT", Long.toString(agent.pid())).start().waitFor();

      boolean exited = agent.waitFor(2, TimeUnit.SECONDS);
      double exitedAfter = MonotonicClock.millisPrecise() - interruptedAt;
      double upstreamClosedAfter = server.lastClientCloseAt() - interruptedAt;
      System.out.printf("Ctrl-C: upstream closed after %.0f ms, process exited after %.0f ms%n", upstreamClosedAfter, exitedAfter);
      assertThat(exited).as("exits within 2 s").isTrue();
      assertThat(agent.exitValue()).isNotZero();
      assertThat(upstreamClosedAfter).as("upstream connection closed within 300 ms").isBetween(0.0, 300.0);
      String err = read(stderr);
      assertThat(err).contains("voice-agent: interrupted").doesNotContain("Exception").doesNotContain("\tat ");
      List<String> lines = Files.readAllLines(events);
      assertThat(lines).anyMatch(l -> l.contains("\"type\":\"turn.cancelled\""));
    } finally {
      agent.destroyForcibly();
    }
  }

  private static String read(Path file) throws Exception {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
