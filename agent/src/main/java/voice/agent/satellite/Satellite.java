package voice.agent.satellite;

import io.vertx.core.Deployable;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import voice.agent.UserError;
import voice.agent.cli.WakeWordOptions;
import voice.agent.events.EventLogWriter;
import voice.agent.pipeline.ConversationPrinter;
import voice.agent.pipeline.InterruptedOutput;
import voice.agent.pipeline.Interrupts;
import voice.agent.pipeline.Sinks;
import voice.audio.in.FileAudioSource;
import voice.audio.out.AudioSink;
import voice.audio.out.PlaybackVerticle;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.event.EventProjector;
import voice.core.event.MonotonicClock;
import voice.core.message.InputEnded;
import voice.core.stage.StageThreads;
import voice.stt.SttOptions;
import voice.stt.SttVerticle;
import voice.stt.wake.WakeState;
import voice.stt.wake.WakeWordDetector;

/**
 * {@code chat --server ws://HOST:PORT/v1/voice}: the small device in front of a bigger machine.
 * It listens here (voice detection, and the wake word), sends what is addressed to a
 * {@code serve}, and plays the answer here; speaking over the answer stops it at once and tells
 * the server. The connection is retried with backoff, also after it drops between answers; a
 * refused key, an unreachable server or one that closes in the middle of an answer ends the run
 * with one line.
 */
public final class Satellite {
  /** Quiet time after the input ended before a replayed conversation counts as over. */
  private static final long SETTLE_MS = 1500;

  private final SatelliteSettings settings;
  private final AudioSink sink;
  private final EventLogWriter events;
  private final Vertx vertx = Vertx.vertx();
  private final StageThreads threads = new StageThreads("satellite");
  private final List<String> deployments = new ArrayList<>();
  private final Promise<Void> finished = Promise.promise();
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private SatelliteLink link;
  private ServerAnswers answers;
  private PrintStream transcript;
  private boolean keepOutput;

  private Satellite(SatelliteSettings settings, AudioSink sink, EventLogWriter events) {
    this.settings = settings;
    this.sink = sink;
    this.events = events;
  }

  /**
   * Runs until a recording is over and answered, or until Ctrl-C with the microphone.
   *
   * @param recording the recording's 16 kHz samples, or null to listen on {@code microphone}
   * @param microphone makes the microphone stage on the capture thread it is given
   */
  public static int run(SatelliteSettings settings, short[] recording, Function<Executor, Deployable> microphone) {
    try {
      SatelliteLink.parse(settings.server());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), 2);
    }
    WakeWordDetector detector = settings.wakeWord() == null ? null : WakeWordOptions.detector(settings.wakeWord());
    EventLogWriter events = settings.events() == null ? null : EventLogWriter.open(settings.events());
    AudioSink sink;
    try {
      sink = Sinks.open(settings.out(), settings.outputDevice(), settings.realtime());
    } catch (RuntimeException e) {
      if (events != null) {
        events.close();
      }
      throw e;
    }
    Satellite satellite = new Satellite(settings, sink, events);
    try {
      return satellite.converse(detector, recording, microphone);
    } finally {
      satellite.close();
    }
  }

  private int converse(WakeWordDetector detector, short[] recording, Function<Executor, Deployable> microphone) {
    Codecs.register(vertx);
    if (events != null) {
      events.attach(vertx, "");
    }
    transcript = "-".equals(settings.out()) || "-".equals(settings.events()) ? System.err : System.out;
    ConversationPrinter.attach(vertx, "", transcript);
    Interrupts.onInterrupt(this::interrupted);
    WakeState wake = new WakeState(settings.wakeWord() == null ? 0 : settings.wakeWord().followUpMs(), MonotonicClock::millis);
    link = new SatelliteLink(vertx, settings.server(), settings.apiKey());
    answers = new ServerAnswers(vertx, link, wake);
    deploy(new EventProjector(""));
    deploy(new PlaybackVerticle(sink, "", threads.single("playback")));
    try {
      connect().await();
    } catch (RuntimeException e) {
      throw new UserError(rootMessage(e));
    }
    SatelliteUplink uplink = new SatelliteUplink(link::sendAudio, detector, wake, () -> vertx.eventBus().publish(
        Addresses.EVENTS, AgentEvent.of("wake.detected", null, "phrase", settings.wakeWord().phrase())));
    deploy(new SttVerticle(uplink, SttOptions.DEFAULT, "", threads.single("stt")));
    vertx.eventBus().<InputEnded>consumer(Addresses.INPUT_ENDED, m -> vertx.setPeriodic(500, timer -> {
      if (answers.settled(uplink.utterancesSent(), SETTLE_MS)) {
        vertx.cancelTimer(timer);
        finished.tryComplete();
      }
    }));
    deploy(recording != null ? new FileAudioSource(recording, "", true, threads.single("input"))
        : microphone.apply(threads.single("microphone")));
    if (recording == null) {
      transcript.println("(listening; answers come from " + link.server() + "; Ctrl-C to quit)");
    }
    try {
      finished.future().await();
    } catch (RuntimeException e) {
      throw new UserError(rootMessage(e));
    }
    if (!answers.heardSpeech()) {
      throw new UserError(WakeWordOptions.nothingAddressed(settings.wakeWord(), settings.input()));
    }
    keepOutput = true;
    return 0;
  }

  private io.vertx.core.Future<Void> connect() {
    return link.connect(json -> answers.onEvent(json), pcm -> answers.onAudio(pcm), this::connectionLost);
  }

  /** On the event loop: between answers the link is made again; in the middle of one, the run fails. */
  private void connectionLost() {
    if (finished.future().isComplete()) {
      return;
    }
    if (answers.answering()) {
      finished.tryFail(new IllegalStateException(
          "the server at " + link.server() + " closed the connection in the middle of an answer"));
      return;
    }
    transcript.println("(connection to " + link.server() + " lost: reconnecting)");
    connect().onFailure(finished::tryFail);
  }

  /** The failure's own words: the innermost cause's message (the run's reasons are one line each). */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : e.toString();
  }

  private void deploy(Deployable stage) {
    deployments.add(0, vertx.deployVerticle(stage).await());
  }

  private void interrupted() {
    if (!interrupted.compareAndSet(false, true)) {
      return;
    }
    InterruptedOutput.finishAndHalt(events, sink);
  }

  private void close() {
    if (!keepOutput) {
      sink.discard(); // before the playback stage stops: closing would keep the file
    }
    for (String id : deployments) {
      vertx.undeploy(id).await();
    }
    if (link != null) {
      link.close().await();
    }
    threads.close();
    if (events != null) {
      events.close();
    }
    vertx.close().await();
    sink.close();
  }
}
