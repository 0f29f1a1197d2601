package voice.agent.pipeline;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import voice.audio.out.AudioSink;
import voice.audio.out.PlaybackVerticle;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.EventProjector;
import voice.core.message.LlmRequest;
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;
import voice.core.message.UserTurn;
import voice.core.stage.StageThreads;
import voice.core.turn.TurnOptions;
import voice.core.turn.TurnOrchestrator;
import voice.llm.LlmClient;
import voice.llm.LlmVerticle;
import voice.tts.SpeechEngine;
import voice.tts.TtsVerticle;

/**
 * One conversation's speaking half, wired on the event bus: orchestrator, model, synthesis and
 * playback, all in {@code scope}. The listening half (capture and recognition) is added by the
 * commands that listen.
 */
public final class VoicePipeline {
  private final Vertx vertx;
  private final String scope;
  private final List<String> deployments = new ArrayList<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final StageThreads threads;
  private TurnOrchestrator orchestrator;
  private volatile String currentTurn;

  private VoicePipeline(Vertx vertx, String scope) {
    this.vertx = vertx;
    this.scope = scope;
    this.threads = new StageThreads(scope);
  }

  /** Deploys the stages; {@code llm} may be null for a pipeline that only speaks ({@code say}). */
  public static Future<VoicePipeline> deploy(
      Vertx vertx, String scope, LlmClient llm, SpeechEngine tts, AudioSink sink, TurnOptions options) {
    Codecs.register(vertx);
    VoicePipeline pipeline = new VoicePipeline(vertx, scope);
    pipeline.orchestrator = new TurnOrchestrator(options, scope);
    pipeline.consumers.add(vertx.eventBus().<LlmRequest>consumer(pipeline.address(Addresses.LLM_REQUEST),
        m -> pipeline.currentTurn = m.body().turn()));
    pipeline.consumers.add(vertx.eventBus().<TurnDone>consumer(pipeline.address(Addresses.TURN_DONE), m -> {
      if (m.body().turn().equals(pipeline.currentTurn)) {
        pipeline.currentTurn = null;
      }
    }));
    return pipeline.add(new EventProjector(scope))
        .compose(v -> pipeline.add(new PlaybackVerticle(sink, scope, pipeline.threads.single("playback"))))
        .compose(v -> pipeline.add(new TtsVerticle(tts, scope, pipeline.threads.single("tts"))))
        .compose(v -> llm == null ? Future.succeededFuture() : pipeline.add(new LlmVerticle(llm, scope)))
        .compose(v -> pipeline.add(pipeline.orchestrator))
        .map(v -> pipeline);
  }

  /** Asks the model; completes when the answer has been spoken (or failed, or was cancelled). */
  public Future<TurnDone> ask(String text) {
    Future<TurnDone> done = nextTurnDone();
    vertx.eventBus().publish(address(Addresses.TURN_START), new UserTurn(null, text));
    return done;
  }

  /** Speaks {@code text} without a model; completes when its audio has been played. */
  public Future<String> say(String text) {
    return say(new StringReader(text));
  }

  /**
   * Speaks what {@code text} holds without a model, read as it goes (a long file, standard
   * input); completes with how its audio stopped ({@code done} when all of it was played).
   */
  public Future<String> say(Reader text) {
    String turn = "say-" + UUID.randomUUID().toString().substring(0, 8);
    currentTurn = turn;
    return TextSpeaker.speak(this, turn, text);
  }

  /** Cancels the turn being answered or spoken, if any (Ctrl-C, a client's interrupt). */
  public void cancelCurrent(TurnCancel.Reason reason) {
    String turn = currentTurn;
    if (turn != null) {
      vertx.eventBus().publish(address(Addresses.TURN_CANCEL), new TurnCancel(turn, reason));
    }
  }

  /** True while a turn is being answered or spoken. */
  public boolean busy() {
    return currentTurn != null;
  }

  public Vertx vertx() {
    return vertx;
  }

  public TurnOrchestrator orchestrator() {
    return orchestrator;
  }

  public String scope() {
    return scope;
  }

  /** The pipeline's stage threads: a listening stage added beside it takes its executor here. */
  public StageThreads threads() {
    return threads;
  }

  /** The next turn that ends, whichever it is. */
  public Future<TurnDone> nextTurnDone() {
    Promise<TurnDone> promise = Promise.promise();
    var consumer = vertx.eventBus().<TurnDone>consumer(address(Addresses.TURN_DONE));
    consumer.handler(m -> {
      consumer.unregister();
      promise.tryComplete(m.body());
    });
    return consumer.completion().compose(v -> promise.future());
  }

  /** Undeploys every stage, last deployed first, then ends the stages' threads. */
  public Future<Void> close() {
    Future<Void> chain = Future.succeededFuture();
    for (MessageConsumer<?> consumer : consumers) {
      chain = chain.eventually(consumer::unregister);
    }
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id));
    }
    return chain.andThen(done -> threads.close());
  }

  private Future<Void> add(Deployable verticle) {
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return null;
    });
  }

  private String address(String base) {
    return Addresses.scoped(base, scope);
  }
}
