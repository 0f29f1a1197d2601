package voice.agent.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.pipeline.SharedVoice;
import voice.agent.server.AgentServer;
import voice.agent.server.ServerLimits;
import voice.agent.server.ServerSettings;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.SpeechEngines;
import voice.stt.pool.RecognizerPool;
import voice.tts.mary.MaryTtsEngine;

/**
 * The server under load, on 127.0.0.1: N voice sessions at once, each speaking a real recording
 * in real time and getting a spoken answer from a local paced model. N doubles from 1 up to the
 * maximum (every step runs, so a step that fails still shows its costs); a step holds when every session got its answer with no audio underrun and heard
 * only its own speech (one final transcript, every turn id in its own scope).
 */
public final class VoiceLoadBench {
  public static final Path DEFAULT_SPEECH = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
  static final List<String> ANSWER = List.of("Going", " forward", " ten", " meters", " now", ".",
      " I", " will", " tell", " you", " when", " I", " get", " there", ".");

  /** One step: {@code sessions} at once. */
  public record Step(int sessions, boolean held, int answered, int underruns, boolean crossTalk,
      double voiceToVoiceP50Ms, double voiceToVoiceMaxMs, long rssBytes, long rssPerExtraSessionBytes) {}

  /** Every step run, and the largest N that held (0 if none did). */
  public record Report(int largestHeld, List<Step> steps) {}

  private VoiceLoadBench() {}

  /** {@code VoiceLoadBench [MAX_SESSIONS [SPEECH.raw]]}: prints one line per step, then the largest N that held. */
  public static void main(String[] args) throws IOException {
    int max = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    Path speech = args.length > 1 ? Path.of(args[1]) : DEFAULT_SPEECH;
    Report report = run(max, speech, System.out);
    System.out.println("largest N that held: " + report.largestHeld());
    System.exit(0);
  }

  /**
   * @param maxSessions the largest N tried
   * @param speechRaw16k 16 kHz mono 16-bit little-endian raw speech, e.g. {@link #DEFAULT_SPEECH}
   * @param log progress lines, one per step
   */
  public static Report run(int maxSessions, Path speechRaw16k, PrintStream log) throws IOException {
    byte[] utterance = utterance(speechRaw16k);
    // As serve does it: one decoder per core, shared by the sessions.
    RecognizerPool decoders = RecognizerPool.sizedToCores(
        () -> SpeechEngines.fromEnvironment(null).open(SpeechEngines.Choice.POCKETSPHINX, null));
    Vertx vertx = Vertx.vertx();
    PacedOpenAiServer model = new PacedOpenAiServer(vertx, ANSWER, 100, 40).start().await();
    LlmConfig llm = LlmConfig.builder("openai", "bench").baseUrl(model.baseUrl()).maxRetries(0).build();
    AgentServer server = AgentServer.start(
        ServerSettings.defaults().withAddress("127.0.0.1", 0).withAccess(List.of(), 0, maxSessions)
            .withLimits(ServerLimits.defaults().withPerKey(maxSessions, ServerLimits.defaults().badMessagesPerMinute(),
                ServerLimits.defaults().failedAuthPerMinute())), // every caller is 127.0.0.1 here
        v -> LlmClients.create(v, llm), SharedVoice.start(),
        decoders::lease);
    log.printf("speech decoders: %d shared by the sessions; synthesis threads: %d%n", decoders.size(),
        SharedVoice.start() instanceof MaryTtsEngine mary ? mary.threads() : 1);
    List<Step> steps = new ArrayList<>();
    int largest = 0;
    int before = 0;
    long rssBefore = ResidentMemory.self(); // the server up, MaryTTS and one decoder loaded, no session
    try {
      for (int n = 1; n <= maxSessions; n = n < maxSessions && n * 2 > maxSessions ? maxSessions : n * 2) {
        Step step = step(vertx, server.port(), n, utterance, n - before, rssBefore);
        awaitSessionsEnded(server);
        steps.add(step);
        before = n;
        rssBefore = Math.max(rssBefore, step.rssBytes());
        log.printf("sessions=%d held=%s answered=%d underruns=%d cross_talk=%s v2v_p50=%.0fms v2v_max=%.0fms rss=%d MiB rss/extra_session=%.1f MiB%n",
            step.sessions(), step.held(), step.answered(), step.underruns(), step.crossTalk(),
            step.voiceToVoiceP50Ms(), step.voiceToVoiceMaxMs(), step.rssBytes() >> 20,
            step.rssPerExtraSessionBytes() / 1048576.0);
        // Every step runs, held or not: what 16 sessions cost and whether they cross-talk matters
        // even on a machine that holds fewer (or whose first, cold step underran).
        if (step.held()) {
          largest = n;
        }
        if (n == maxSessions) {
          break;
        }
      }
    } finally {
      server.close();
      decoders.close();
      model.close().await();
      vertx.close().await();
    }
    return new Report(largest, steps);
  }

  /** The recording, then 2 s of silence that ends the utterance. */
  static byte[] utterance(Path speechRaw16k) throws IOException {
    byte[] speech = Files.readAllBytes(speechRaw16k);
    byte[] utterance = new byte[speech.length + 32_000 * 2];
    System.arraycopy(speech, 0, utterance, 0, speech.length);
    return utterance;
  }

  /**
   * One step of {@code n} sessions. RSS is the process's highest reading in the step; the extra
   * sessions' cost is its growth over the previous steps' highest, shared by the sessions added.
   */
  static Step step(Vertx vertx, int port, int n, byte[] utterance, int added, long rssBefore) {
    RssPeak rss = new RssPeak();
    List<LoadClient> clients = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LoadClient client = LoadClient.connect(vertx, port).await();
      client.session.future().await();
      clients.add(client);
    }
    Future.all(clients.stream().map(c -> c.speak(utterance)).toList()).await();
    List<Double> v2v = new ArrayList<>();
    int answered = 0;
    int underruns = 0;
    boolean crossTalk = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // for the whole step, not per session
    for (LoadClient client : clients) {
      JsonObject metrics;
      try {
        metrics = client.metrics.future().toCompletionStage().toCompletableFuture()
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        continue; // no answer in time: this step does not hold
      }
      answered++;
      underruns += metrics.getInteger("underruns", 0);
      if (metrics.getDouble("voice_to_voice_ms") != null) {
        v2v.add(metrics.getDouble("voice_to_voice_ms"));
      }
      String own = client.session.future().result() + "-";
      crossTalk |= client.ofType("stt.final").size() != 1
          || client.events.stream().anyMatch(e -> e.getString("turn") != null && !e.getString("turn").startsWith(own));
    }
    long rssPeak = rss.stop();
    Future.all(clients.stream().map(LoadClient::close).toList()).await();
    v2v.sort(Double::compare);
    boolean held = answered == n && underruns == 0 && !crossTalk;
    return new Step(n, held, answered, underruns, crossTalk,
        v2v.isEmpty() ? Double.NaN : v2v.get(v2v.size() / 2), v2v.isEmpty() ? Double.NaN : v2v.get(v2v.size() - 1),
        rssPeak, Math.max(0, rssPeak - rssBefore) / Math.max(1, added));
  }

  static void awaitSessionsEnded(AgentServer server) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.activeSessions() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The highest resident memory seen, read every 100 ms on a thread of its own (a small file read). */
  private static final class RssPeak {
    private final AtomicLong peak = new AtomicLong(ResidentMemory.self());
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-rss");
      t.setDaemon(true);
      return t;
    });

    RssPeak() {
      reader.scheduleAtFixedRate(this::read, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void read() {
      peak.accumulateAndGet(ResidentMemory.self(), Math::max);
    }

    long stop() {
      reader.shutdownNow();
      read();
      return peak.get();
    }
  }


}
