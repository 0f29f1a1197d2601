package voice.agent.pipeline;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;
import voice.core.message.UserTurn;
import voice.core.stage.StageThreads;
import voice.core.turn.TurnOptions;
import voice.core.turn.TurnOrchestrator;
import voice.llm.LlmClient;
import voice.llm.LlmVerticle;
import voice.stt.SttVerticle;
import voice.stt.echo.EchoFigures;
import voice.tts.SpeechEngine;
import voice.tts.TtsVerticle;

/**
 * The one assembly of a conversation, in {@code scope}: every command and the server's voice
 * sessions build their stages here, and only here are they placed and torn down.
 *
 * <ul>
 *   <li>speaking: event projector, playback, synthesis, model, orchestrator;
 *   <li>listening (when asked for): recognition (VAD and STT), then the audio source.
 * </ul>
 *
 * Stages are deployed in that order, each blocking stage with an executor of its own, and
 * undeployed in the reverse order (the source first, the projector last, so every fact still
 * becomes an event); then the threads end, and last the recognizer is freed. Turn state lives
 * in the orchestrator only: {@link #say} and {@link #ask} both go through it.
 */
public final class VoicePipeline {
  private final Vertx vertx;
  private final String scope;
  private final List<String> deployments = new ArrayList<>();
  private final StageThreads threads;
  private final TurnOrchestrator orchestrator;
  private final Listening listening;
  private String sttDeployment;
  private SttVerticle recognition;

  private VoicePipeline(Vertx vertx, String scope, TurnOptions options, Listening listening) {
    this.vertx = vertx;
    this.scope = scope;
    this.threads = new StageThreads(scope);
    this.orchestrator = new TurnOrchestrator(options, scope);
    this.listening = listening;
  }

  /** The speaking half only ({@code ask}, {@code say}); {@code llm} may be null for a pipeline that only speaks. */
  public static Future<VoicePipeline> deploy(
      Vertx vertx, String scope, LlmClient llm, SpeechEngine tts, AudioSink sink, TurnOptions options) {
    return deploy(vertx, scope, llm, tts, sink, options, null);
  }

  /**
   * Both halves ({@code chat}, a voice session, the conversation benchmark); {@code listening}
   * null for the speaking half only. If a stage fails to start, those already started are torn down.
   */
  public static Future<VoicePipeline> deploy(Vertx vertx, String scope, LlmClient llm, SpeechEngine tts,
      AudioSink sink, TurnOptions options, Listening listening) {
    Codecs.register(vertx);
    VoicePipeline p = new VoicePipeline(vertx, scope, options, listening);
    return p.add(new EventProjector(scope))
        .compose(v -> p.add(new PlaybackVerticle(sink, scope, p.threads.single("playback"))))
        .compose(v -> p.add(new TtsVerticle(tts, scope, p.threads.single("tts"))))
        .compose(v -> llm == null ? Future.succeededFuture() : p.add(new LlmVerticle(llm, scope)))
        .compose(v -> p.add(p.orchestrator))
        .compose(v -> listening == null ? Future.succeededFuture() : p.listen(listening))
        .map(v -> p)
        .recover(e -> p.close().transform(closed -> Future.failedFuture(e)));
  }

  private Future<Void> listen(Listening half) {
    return (half.beside() == null ? Future.<Void>succeededFuture() : add(half.beside()))
        .compose(v -> add(recognition = new SttVerticle(half.recognizer(), half.options(), scope, threads.single("stt"))))
        .compose(v -> {
          sttDeployment = deployments.get(deployments.size() - 1);
          // The source last: no frame is published before recognition listens.
          return half.input() == null ? Future.succeededFuture() : add(half.input().source(scope, threads.single("input")));
        });
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
   * input), as a turn of the orchestrator; completes with how the turn ended ({@code done} when
   * all of it was played, {@code cancelled}, {@code error}).
   */
  public Future<String> say(Reader text) {
    String turn = "say-" + UUID.randomUUID().toString().substring(0, 8);
    return TextSpeaker.speak(this, turn, text);
  }

  /** Cancels the turn being answered or spoken, if any (Ctrl-C, a client's interrupt). */
  public void cancelCurrent(TurnCancel.Reason reason) {
    String turn = orchestrator.activeTurn();
    if (turn != null) {
      vertx.eventBus().publish(address(Addresses.TURN_CANCEL), new TurnCancel(turn, reason));
    }
  }

  /** True while a turn is being answered or spoken. */
  public boolean busy() {
    return orchestrator.activeTurn() != null;
  }

  /** What the echo path did, once the pipeline is closed; null without listening or an echo gate. */
  public EchoFigures echoFigures() {
    return recognition == null ? null : recognition.echoFigures();
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

  /** The pipeline's stage threads (one per blocking stage); a helper of a command may take one here. */
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

  /**
   * Undeploys every stage, last deployed first, then ends the stages' threads, then frees an
   * owned recognizer: only once recognition has stopped is the decoder out of use (freeing it
   * earlier would crash the native library), so if that stop failed it is left to the exit.
   */
  public Future<Void> close() {
    Future<Void> chain = Future.succeededFuture();
    boolean[] sttStopped = {sttDeployment == null};
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.eventually(() -> vertx.undeploy(id).onSuccess(v -> sttStopped[0] |= id.equals(sttDeployment)));
    }
    deployments.clear();
    return chain.andThen(done -> threads.close())
        .eventually(() -> listening == null || !listening.ownsRecognizer() || !sttStopped[0]
            ? Future.succeededFuture()
            : vertx.executeBlocking(() -> {
              listening.recognizer().close();
              return null;
            }));
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
