package voice.agent.server.bench;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import voice.agent.UserError;
import voice.agent.cluster.ClusterSettings;
import voice.agent.cluster.Gateway;
import voice.agent.cluster.Role;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.pipeline.SharedVoice;
import voice.agent.server.AgentServer;
import voice.agent.server.Placement;
import voice.agent.server.ServerLimits;
import voice.agent.server.ServerSettings;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.SpeechEngines;
import voice.stt.pool.RecognizerPool;

/**
 * {@code bench --cluster}: in one run, the cross-node hop ({@link CrossNodeHop}), then N voice
 * sessions (a real recording each, in real time, answered by one local paced model) on one
 * node, and the same N on a gateway in this process with two workers ({@code worker --cluster
 * --roles stt,tts,llm}) as child JVMs, which recognize, answer and speak. On one machine this
 * shows the cluster's overhead and that it
 * holds the same sessions correctly, not the capacity of more machines. Each setup first serves
 * two sessions that are not counted (warm-up).
 */
public final class ClusterBench {
  /** The figures of one setup. */
  public record Row(String setup, VoiceLoadBench.Step step) {}

  public record Report(CrossNodeHop.Hops hops, List<Row> rows) {}

  private ClusterBench() {}

  public static Report run(int sessions, Path speechRaw16k, int hopMessages, PrintStream log) throws Exception {
    byte[] utterance = VoiceLoadBench.utterance(speechRaw16k);
    CrossNodeHop.Hops hops = CrossNodeHop.measure(hopMessages, log);
    log.printf("cross-node hop: text p50 %.3f ms p95 %.3f ms; audio p50 %.3f ms p95 %.3f ms%n",
        hops.text().p50Ms(), hops.text().p95Ms(), hops.audio().p50Ms(), hops.audio().p95Ms());
    RecognizerPool decoders = RecognizerPool.sizedToCores(
        () -> SpeechEngines.fromEnvironment(null).open(SpeechEngines.Choice.POCKETSPHINX, null));
    Vertx vertx = Vertx.vertx();
    PacedOpenAiServer model = new PacedOpenAiServer(vertx, VoiceLoadBench.ANSWER, 100, 40).start().await();
    LlmConfig llm = LlmConfig.builder("openai", "bench").baseUrl(model.baseUrl()).maxRetries(0).build();
    List<Row> rows = new ArrayList<>();
    try {
      AgentServer single = AgentServer.start(settings(sessions), v -> LlmClients.create(v, llm), SharedVoice.start(),
          decoders::lease);
      try {
        rows.add(row("one node", vertx, single, sessions, utterance, log));
      } finally {
        single.close();
      }
      rows.add(clustered(vertx, model.baseUrl(), sessions, utterance, log));
    } finally {
      decoders.close();
      model.close().await();
      vertx.close().await();
    }
    return new Report(hops, rows);
  }

  private static Row clustered(Vertx vertx, String modelUrl, int sessions, byte[] utterance, PrintStream log) throws Exception {
    int gatewayPort = FreePorts.pair();
    List<WorkerProcess> workers = new ArrayList<>();
    AgentServer gateway = null;
    try {
      for (int i = 0; i < 2; i++) {
        workers.add(WorkerProcess.start(gatewayPort, modelUrl));
      }
      Gateway placement = new Gateway(new ClusterSettings("127.0.0.1", gatewayPort, List.of(),
          EnumSet.of(Role.gateway), 30), log);
      gateway = AgentServer.start(settings(sessions), placement, v -> placement.model(null, null, null), placement::voice,
          placement::recognizer);
      for (WorkerProcess worker : workers) {
        log.println("worker: " + worker.firstLine());
      }
      awaitWorkers(placement);
      return row("gateway + 2 workers", vertx, gateway, sessions, utterance, log);
    } finally {
      if (gateway != null) {
        gateway.close();
      }
      for (WorkerProcess worker : workers) {
        worker.close();
      }
    }
  }

  private static Row row(String setup, Vertx vertx, AgentServer server, int sessions, byte[] utterance, PrintStream log) {
    // Two sessions first, not counted: the first synthesis, decoding and model call of a JVM are
    // slow (JIT, connections), and with two sessions each worker has served a call of each role.
    VoiceLoadBench.step(vertx, server.port(), 2, utterance, 2, ResidentMemory.self());
    VoiceLoadBench.awaitSessionsEnded(server);
    long rssBefore = ResidentMemory.self();
    VoiceLoadBench.Step step = VoiceLoadBench.step(vertx, server.port(), sessions, utterance, sessions, rssBefore);
    VoiceLoadBench.awaitSessionsEnded(server);
    log.printf("%s: sessions=%d held=%s answered=%d underruns=%d cross_talk=%s v2v_p50=%.0fms v2v_max=%.0fms%n", setup,
        step.sessions(), step.held(), step.answered(), step.underruns(), step.crossTalk(), step.voiceToVoiceP50Ms(),
        step.voiceToVoiceMaxMs());
    return new Row(setup, step);
  }

  /** Both workers joined and offer their roles, so the sessions meet a whole cluster. */
  @SuppressWarnings("unchecked")
  private static void awaitWorkers(Placement gateway) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      Map<String, Object> cluster = (Map<String, Object>) gateway.health().get("cluster");
      if (Integer.valueOf(3).equals(cluster.get("members")) && Boolean.TRUE.equals(cluster.get("tts"))
          && Boolean.TRUE.equals(cluster.get("llm")) && Boolean.TRUE.equals(cluster.get("stt"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new UserError("the benchmark's two workers did not join the gateway within 120 s");
  }

  private static ServerSettings settings(int sessions) {
    return ServerSettings.defaults().withAddress("127.0.0.1", 0).withAccess(List.of(), 0, sessions)
        .withLimits(ServerLimits.defaults().withPerKey(sessions, ServerLimits.defaults().badMessagesPerMinute(),
            ServerLimits.defaults().failedAuthPerMinute())); // every caller is 127.0.0.1 here
  }
}
