package voice.agent.cluster;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.TurnCancel;

/**
 * A member's work roles: serves {@code voice.cluster.tts}, {@code .llm} and {@code .stt} with
 * the local engines, at most {@code capacity} calls of a role at once (more are refused as busy,
 * so the caller tries another member), and stops a call when its caller cancels it or leaves
 * the cluster.
 */
public final class WorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerVerticle.class);
  private final String nodeId;
  private final SpeechService speech;
  private final ModelService model;
  private final RecognitionService recognition;
  private final Map<String, StreamReply> calls = new ConcurrentHashMap<>();

  /** Each service null unless this member offers its role (tts, llm, stt). */
  public WorkerVerticle(String nodeId, SpeechService speech, ModelService model, RecognitionService recognition) {
    this.nodeId = nodeId;
    this.speech = speech;
    this.model = model;
    this.recognition = recognition;
  }

  @Override
  public Future<?> start() {
    Codecs.register(vertx);
    List<Future<?>> ready = new ArrayList<>();
    ready.add(vertx.eventBus().<TurnCancel>consumer(Addresses.scoped(Addresses.CLUSTER_CANCEL, nodeId), m -> {
      StreamReply reply = calls.get(m.body().turn());
      if (reply != null) {
        LOG.info("cluster: call {} cancelled by its caller", reply.call());
        reply.cancel();
      }
    }).completion());
    if (speech != null) {
      ready.add(serve(Addresses.CLUSTER_TTS, speech.capacity(), speech::synthesize));
    }
    if (model != null) {
      ready.add(serve(Addresses.CLUSTER_LLM, model.capacity(), model::stream));
    }
    if (recognition != null) {
      ready.add(serve(Addresses.CLUSTER_STT, recognition.capacity(), recognition::recognize));
      ready.add(vertx.eventBus().consumer(Addresses.scoped(Addresses.CLUSTER_STT_AUDIO, nodeId), m -> {
        StreamReply reply = calls.get(String.valueOf(m.headers().get(RemoteStreams.CALL)));
        if (reply != null) {
          reply.input(m.body());
        }
      }).completion());
    }
    vertx.setPeriodic(RemoteStreams.KEEP_ALIVE_MS, id -> calls.values().forEach(c -> c.keepAlive(RemoteStreams.KEEP_ALIVE_MS)));
    return Future.all(ready);
  }

  /** Stops the calls of a caller that left the cluster ({@code node} its node id). */
  public void callerLeft(String node) {
    String address = Addresses.scoped(Addresses.CLUSTER_STREAM, node);
    calls.values().stream().filter(c -> c.replyTo().equals(address)).forEach(call -> {
      LOG.info("cluster: call {} stopped: its caller left", call.call());
      call.cancel();
    });
  }

  /** Calls in progress on this member. */
  public int running() {
    return calls.size();
  }

  private <T> Future<?> serve(String address, int capacity, BiConsumer<T, StreamReply> work) {
    int[] running = {0};
    return vertx.eventBus().<T>consumer(address, (Message<T> request) -> {
      String call = request.headers().get(RemoteStreams.CALL);
      String replyTo = request.headers().get(RemoteStreams.REPLY_TO);
      if (call == null || replyTo == null) {
        request.fail(400, "a call needs the call and reply-to headers");
        return;
      }
      if (running[0] >= capacity) {
        request.fail(RemoteStreams.BUSY, "busy: " + capacity + " calls running");
        return;
      }
      running[0]++;
      StreamReply reply = new StreamReply(vertx, context, call, replyTo, () -> {
        running[0]--;
        calls.remove(call);
      });
      calls.put(call, reply);
      request.reply(nodeId);
      LOG.info("cluster: {} call {} accepted", address, call);
      work.accept(request.body(), reply);
    }).completion();
  }
}
