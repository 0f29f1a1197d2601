package voice.agent.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import voice.agent.UserError;
import voice.agent.events.EventLogWriter;
import voice.audio.out.AudioSink;
import voice.core.bus.Codecs;
import voice.core.message.TurnCancel;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.tts.SpeechEngine;

/**
 * One run of a speaking command (ask, say, chat): opens the sink and the event log, starts
 * MaryTTS and the pipeline, runs {@code work}, and tears everything down in order. The output
 * is kept only when the command says the run succeeded ({@link #keepOutput}); a failed run
 * leaves no file. Ctrl-C (or SIGTERM) cancels the turn (voice flushed, upstream closed),
 * finishes the output file with what was spoken so far, and exits with 130.
 */
public final class SpeakingRun implements AutoCloseable {
  public static final int INTERRUPTED_EXIT = InterruptedOutput.EXIT;

  private final Vertx vertx;
  private final AudioSink sink;
  private final EventLogWriter events;
  private volatile VoicePipeline pipeline;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final AtomicBoolean interrupted = new AtomicBoolean();
  private volatile boolean keepOutput;

  private SpeakingRun(Vertx vertx, AudioSink sink, EventLogWriter events) {
    this.vertx = vertx;
    this.sink = sink;
    this.events = events;
  }

  /** Opens the outputs first, so a missing device or unwritable file fails before anything starts. */
  public static SpeakingRun open(String out, String device, boolean realtime, String eventsTarget) {
    if ("-".equals(out) && "-".equals(eventsTarget)) {
      throw new UserError("--out - and --events - cannot both use stdout; write one of them to a file", 2);
    }
    EventLogWriter events = eventsTarget == null ? null : EventLogWriter.open(eventsTarget);
    AudioSink sink;
    try {
      sink = Sinks.open(out, device, realtime);
    } catch (RuntimeException e) {
      if (events != null) {
        events.close();
      }
      throw e;
    }
    // The outputs are usable: MaryTTS loads on another core while the event bus and the model's
    // client start here.
    SharedVoice.prefetch();
    Vertx vertx = Vertx.vertx();
    Codecs.register(vertx);
    if (events != null) {
      events.attach(vertx, "");
    }
    SpeakingRun run = new SpeakingRun(vertx, sink, events);
    // From here on, even while MaryTTS starts, Ctrl-C leaves the output in order.
    Interrupts.onInterrupt(run::interrupted);
    return run;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Starts synthesis and the speaking half; {@code llm} null for speech only. */
  public VoicePipeline start(LlmClient llm, TurnOptions options) {
    return start(llm, options, null);
  }

  /** Starts synthesis and the pipeline, listening too unless {@code listening} is null. */
  public VoicePipeline start(LlmClient llm, TurnOptions options, Listening listening) {
    // A conversation warms the voice up before it listens; a one-off question or text does not wait for it.
    SpeechEngine voice = listening == null ? SharedVoice.startCold() : SharedVoice.start();
    pipeline = VoicePipeline.deploy(vertx, "", llm, voice, sink, options, listening).await();
    return pipeline;
  }

  /** Runs {@code work} on the pipeline and waits for it. */
  public <T> T run(Function<VoicePipeline, Future<T>> work) {
    try {
      return work.apply(pipeline).await();
    } finally {
      finished.countDown();
    }
  }

  /** The run succeeded: the output file is kept (moved into place) when the run closes. */
  public void keepOutput() {
    keepOutput = true;
  }

  private void interrupted() {
    if (!interrupted.compareAndSet(false, true)) {
      return;
    }
    if (pipeline != null) {
      pipeline.cancelCurrent(TurnCancel.Reason.cancelled);
      try {
        // Give the cancel time to flush the line and close the upstream request.
        finished.await(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    InterruptedOutput.finishAndHalt(events, sink);
  }

  @Override
  public void close() {
    if (!keepOutput && !interrupted.get()) {
      // Before the playback stage stops: it closes the sink, which would keep the file.
      sink.discard();
    }
    if (pipeline != null) {
      pipeline.close().await();
    }
    if (events != null) {
      events.close();
    }
    vertx.close().await();
    sink.close();
  }
}
