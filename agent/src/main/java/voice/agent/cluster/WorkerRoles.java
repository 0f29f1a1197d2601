package voice.agent.cluster;

import io.vertx.core.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import voice.llm.LlmClient;
import voice.stt.pool.RecognizerPool;
import voice.tts.SpeechEngine;
import voice.tts.mary.MaryTtsEngine;

/** Places the work roles a node offers on its clustered Vert.x, with the node's local engines. */
public final class WorkerRoles {
  /** Concurrent model streams one member takes before it refuses more as busy. */
  static final int LLM_CAPACITY = 64;

  private WorkerRoles() {}

  /**
   * @param tts the local voice, or null when the node does not offer tts
   * @param llm the local model client, or null when the node does not offer llm
   * @param decoders the local speech decoders, or null when the node does not offer stt
   */
  public static Future<String> deploy(ClusterNode node, SpeechEngine tts, LlmClient llm, RecognizerPool decoders) {
    if (tts == null && llm == null && decoders == null) {
      return Future.succeededFuture();
    }
    if (tts != null && tts.sampleRate() != RemoteSpeechEngine.SAMPLE_RATE) {
      return Future.failedFuture("this member's voice speaks at " + tts.sampleRate() + " Hz; the cluster's at "
          + RemoteSpeechEngine.SAMPLE_RATE);
    }
    // Two calls per synthesis thread: one synthesizes while the next waits, so no thread idles.
    int capacity = 2 * (tts instanceof MaryTtsEngine mary ? mary.threads() : Runtime.getRuntime().availableProcessors());
    SpeechService speech = tts == null ? null : new SpeechService(tts, threads("tts", capacity), capacity);
    // Utterances beyond the decoders wait in the pool (their audio kept), as in one node.
    int utterances = decoders == null ? 0 : 4 * decoders.size();
    RecognitionService recognition = decoders == null ? null
        : new RecognitionService(decoders::lease, threads("stt", utterances), utterances);
    WorkerVerticle worker = new WorkerVerticle(node.nodeId(),
        speech, llm == null ? null : new ModelService(llm, LLM_CAPACITY), recognition);
    node.onMemberLeft(worker::callerLeft);
    return node.vertx().deployVerticle(worker);
  }

  private static ExecutorService threads(String role, int count) {
    AtomicInteger made = new AtomicInteger();
    return Executors.newFixedThreadPool(count, r -> {
      Thread t = new Thread(r, "voice-cluster-" + role + "-" + made.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
