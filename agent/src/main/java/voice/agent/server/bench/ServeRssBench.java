package voice.agent.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import voice.agent.demo.PacedOpenAiServer;

/**
 * Resident memory of a {@code serve} process over many voice sessions: a child process, as a
 * user runs it, with and without {@code MALLOC_ARENA_MAX=2} in its environment (glibc otherwise
 * gives every thread that allocates natively, e.g. each session's recognizer, an arena of its
 * own, which is kept after the session). Sessions run a few at a time; RSS is read from
 * {@code /proc/PID/status} after each batch.
 */
public final class ServeRssBench {
  private static final List<String> ANSWER = List.of("Going", " forward", " ten", " meters", " now", ".");
  private static final int AT_ONCE = 4;

  /** RSS in MiB after 0, then every {@code AT_ONCE * k} sessions, per environment. */
  public record Report(Map<String, Map<Integer, Double>> rssMiB) {}

  private ServeRssBench() {}

  /**
   * @param sessions voice sessions per run (e.g. 100)
   * @param javaOptions the child JVM's options, as the launcher gives them (e.g. -Xmx512m)
   */
  public static Report run(int sessions, Path speechRaw16k, List<String> javaOptions, PrintStream log) throws Exception {
    byte[] speech = Files.readAllBytes(speechRaw16k);
    byte[] utterance = new byte[speech.length + 32_000 * 2];
    System.arraycopy(speech, 0, utterance, 0, speech.length);
    Vertx vertx = Vertx.vertx();
    PacedOpenAiServer model = new PacedOpenAiServer(vertx, ANSWER, 50, 100).start().await();
    Map<String, Map<Integer, Double>> results = new LinkedHashMap<>();
    try {
      for (String arenas : new String[] {null, "2"}) {
        String label = arenas == null ? "MALLOC_ARENA_MAX unset" : "MALLOC_ARENA_MAX=" + arenas;
        log.println(label + ":");
        results.put(label, runOne(vertx, model, sessions, utterance, javaOptions, arenas, log));
      }
    } finally {
      model.close().await();
      vertx.close().await();
    }
    return new Report(results);
  }

  private static Map<Integer, Double> runOne(Vertx vertx, PacedOpenAiServer model, int sessions, byte[] utterance,
      List<String> javaOptions, String arenas, PrintStream log) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(javaOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "voice.agent.Main", "serve", "--port", "0",
        "--llm", "openai", "--llm-base-url", model.baseUrl(), "--llm-model", "bench", "--stt", "pocketsphinx",
        "--max-sessions", Integer.toString(AT_ONCE), "--max-sessions-per-key", Integer.toString(AT_ONCE)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().remove("MALLOC_ARENA_MAX");
    if (arenas != null) {
      builder.environment().put("MALLOC_ARENA_MAX", arenas);
    }
    Process serve = builder.start();
    Map<Integer, Double> rss = new LinkedHashMap<>();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      if (first == null || !first.startsWith("listening on http://")) {
        throw new IOException("serve did not start: " + first);
      }
      int port = Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
      rss.put(0, rssMiB(serve.pid()));
      for (int done = 0; done < sessions; ) {
        int batch = Math.min(AT_ONCE, sessions - done);
        List<LoadClient> clients = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          clients.add(connect(vertx, port));
        }
        Future.all(clients.stream().map(c -> c.speak(utterance)).toList()).await();
        for (LoadClient client : clients) {
          try {
            client.metrics.future().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
          } catch (Exception noAnswer) {
            log.println("  a session got no answer in 60 s");
          }
        }
        Future.all(clients.stream().map(LoadClient::close).toList()).await();
        awaitNoSessions(port);
        done += batch;
        if (done % 20 == 0 || done == sessions) {
          rss.put(done, rssMiB(serve.pid()));
          log.printf("  sessions=%d rss=%.0f MiB%n", done, rss.get(done));
        }
      }
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
    return rss;
  }

  private static LoadClient connect(Vertx vertx, int port) {
    LoadClient client = LoadClient.connect(vertx, port).await();
    client.session.future().await();
    return client;
  }

  /** Until the server says every session has been torn down, so the next batch finds free slots. */
  private static void awaitNoSessions(int port) throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpRequest health = java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/health")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!http.send(health, java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("\"sessions\":0")) {
      if (System.nanoTime() > deadline) {
        throw new IOException("sessions did not end within 60 s");
      }
      Thread.sleep(50);
    }
  }

  private static double rssMiB(long pid) {
    return ResidentMemory.bytes(pid) / 1048576.0;
  }

}
