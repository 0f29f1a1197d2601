package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.ServeOutput;
import voice.agent.demo.PacedOpenAiServer;

/** {@code voice-agent serve} as a user runs it: a separate process that prints its URL first. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void servePrintsTheUrlFirstAndAnswers() throws Exception {
    Vertx vertx = Vertx.vertx();
    PacedOpenAiServer upstream = TestServers.upstream(vertx, List.of("Hi", " there", "."), 10, 100);
    Path transcript = dir.resolve("t.jsonl");
    Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "voice.agent.Main", "serve", "--port", "0",
        "--llm", "openai", "--llm-base-url", upstream.baseUrl(), "--llm-model", "bench",
        "--transcript", transcript.toString())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    try {
      String url = "http://127.0.0.1:" + ServeOutput.port(serve, dir.resolve("err.txt"));
      assertThat(Http.get(url + "/health", null).statusCode()).isEqualTo(200);
      var answer = Http.post(url + "/v1/chat/completions", null,
          "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
      assertThat(answer.body()).contains("\"content\":\"Hi there.\"");
      assertThat(Http.get(url + "/", null).body()).contains("<title>voice-agent</title>");
      Eventually.await("the transcript line", 10, () -> Files.exists(transcript) && transcript.toFile().length() > 0);
    } finally {
      serve.destroy();
      serve.waitFor(20, TimeUnit.SECONDS);
      upstream.close().await();
      vertx.close().await();
    }
  }

  @Test
  void aPortInUseIsOneClearLineAndExit1() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--llm", "demo");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("voice-agent: cannot listen on 127.0.0.1:" + taken.getLocalPort()
          + ": the port is in use; choose another with --port (0 for any free port)\n");
    }
  }

  @Test
  void theHelpSaysWhatTheFirstLineIsAndHowKeysWork() {
    CliRun run = CliRun.of("serve", "--help");
    assertThat(run.out()).contains("The first line on stdout is 'listening on http://HOST:PORT'.")
        .contains("VOICE_AGENT_API_KEYS").contains("--idle-timeout").contains("--allowed-origin");
  }

  @Test
  void aBadPortIsOneClearLine() {
    CliRun run = CliRun.of("serve", "--port", "70000");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).isEqualTo("voice-agent: --port must be 0..65535, was 70000\n");
  }
}
