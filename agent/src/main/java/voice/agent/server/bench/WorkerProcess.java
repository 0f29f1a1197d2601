package voice.agent.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import voice.agent.UserError;

/**
 * A {@code voice-agent worker --cluster --roles stt,tts,llm} child JVM of the benchmark, on this
 * process's class path (the shaded jar, or the build's classes), joining the gateway at
 * {@code 127.0.0.1:gatewayPort} and asking the benchmark's local model.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  private final CompletableFuture<String> firstLine;

  private WorkerProcess(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.firstLine = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    });
  }

  static WorkerProcess start(int gatewayPort, String modelUrl) throws IOException {
    Path err = Files.createTempFile("voice-agent-bench-worker", ".log");
    err.toFile().deleteOnExit();
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), "voice.agent.Main", "worker", "--cluster", "--roles", "stt,tts,llm",
        "--llm", "openai", "--llm-base-url", modelUrl, "--llm-model", "bench",
        "--cluster-port", Integer.toString(FreePorts.pair()), "--cluster-members", "127.0.0.1:" + gatewayPort);
    return new WorkerProcess(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
  }

  /** {@code joined the cluster at ...}, or a clear failure with the worker's own last line. */
  String firstLine() throws Exception {
    String line = firstLine.get(180, TimeUnit.SECONDS);
    if (line == null) {
      List<String> said = Files.readAllLines(stderr);
      throw new UserError("a benchmark worker did not start: " + (said.isEmpty() ? "no output" : said.get(said.size() - 1)));
    }
    return line;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
