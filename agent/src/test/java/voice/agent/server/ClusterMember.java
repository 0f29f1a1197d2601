package voice.agent.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code voice-agent} child JVM on 127.0.0.1 (a gateway or a worker of a test cluster), on the
 * test class path: its first stdout line, its stderr in a file, and a SIGKILL at will.
 */
final class ClusterMember implements AutoCloseable {
  final String name;
  final int clusterPort;
  private final Process process;
  private final Path stderr;
  private final CompletableFuture<String> firstLine;

  private ClusterMember(String name, int clusterPort, Process process, Path stderr) {
    this.name = name;
    this.clusterPort = clusterPort;
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

  /**
   * Starts {@code voice-agent ARGS --cluster-port PORT}, logging at INFO (the workers say which
   * calls they accepted), with JVM flags that keep three JVMs within two cores.
   */
  static ClusterMember start(String name, Path dir, List<String> jvmFlags, String... args) throws IOException {
    int port = voice.agent.server.bench.FreePorts.pair();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "voice.agent.Main"));
    command.addAll(List.of(args));
    command.addAll(List.of("--cluster-port", Integer.toString(port)));
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().put("VOICE_AGENT_LOG", "INFO");
    return new ClusterMember(name, port, builder.start(), err);
  }

  /** {@code 127.0.0.1:PORT}, for {@code --cluster-members}. */
  String address() {
    return "127.0.0.1:" + clusterPort;
  }

  /** The first stdout line, waiting for it (bounded; the start loads the voice and joins). */
  String firstLine() throws Exception {
    String line = firstLine.get(150, TimeUnit.SECONDS);
    if (line == null) {
      throw new AssertionError(name + " ended without a first line: " + log());
    }
    return line;
  }

  String log() throws IOException {
    return Files.readString(stderr);
  }

  /** How many calls of {@code role} (tts, llm) this member accepted. */
  long accepted(String role) {
    try {
      return log().lines().filter(l -> l.contains("cluster: voice.cluster." + role + " call ")).count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  int waitForExit() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not end");
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, as a service manager stops it, then waits. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
