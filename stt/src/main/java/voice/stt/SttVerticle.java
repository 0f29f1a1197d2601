package voice.stt;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.audio.Pcm16;
import voice.core.bus.Addresses;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioFrame;
import voice.core.message.InputEnded;
import voice.core.message.SpeechPause;
import voice.core.message.Transcript;
import voice.core.message.VadEvent;
import voice.core.stage.Stage;
import voice.stt.echo.EchoFigures;
import voice.stt.echo.EchoGate;
import voice.stt.echo.PlaybackListener;
import voice.stt.echo.SpeexEchoCanceller;

/**
 * Speech in: consumes {@link AudioFrame}s of one scope, finds utterances and decodes them in one
 * task on the executor handed in, fed by a bounded queue (never on the event loop), and publishes
 * {@link VadEvent}s, changed partial and final {@link Transcript}s (the event projector makes
 * the public {@code vad.*} and {@code stt.*} events of them) and, after a frame with
 * {@code last = true}, an {@link InputEnded}. They carry no turn: the orchestrator maps
 * utterances to turns.
 *
 * <p>With {@link SttOptions#echoGate()} it also listens to the scope's playback (audio sent to
 * the loudspeaker, turns' audio stops) and passes the input through an {@link EchoGate} first,
 * so the assistant's own voice heard back through the microphone is not speech.
 *
 * <p>The recognizer stays the caller's: this verticle never closes it, and stops using it
 * before {@link #stop()} completes.
 */
public final class SttVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SttVerticle.class);
  private static final Runnable STOP = () -> {};
  private static final int ECHO_FRAME = 320; // 20 ms at 16 kHz, the canceller's frame

  private final Recognizer recognizer;
  private final SttOptions options;
  private final Stage stage;
  private final BlockingQueue<Runnable> work;
  private final AtomicLong dropped = new AtomicLong();
  private final Promise<Void> stopped = Promise.promise();
  private StreamingTranscriber transcriber;
  private MessageConsumer<AudioFrame> consumer;
  private boolean started;
  // Echo safety: the gate (and the canceller inside it) is used only on the worker thread.
  private EchoGate echoGate;
  private WholeFrames echoFrames;
  private PlaybackListener playback;
  private volatile EchoFigures echoFigures;

  /**
   * {@code decoding} runs the decoding loop for the verticle's whole life: give it a thread of
   * its own (a single-thread executor), which the caller shuts down after undeploying.
   */
  public SttVerticle(Recognizer recognizer, SttOptions options, String scope, Executor decoding) {
    this.recognizer = recognizer;
    this.options = options;
    this.stage = Stage.of(scope, decoding);
    this.work = new ArrayBlockingQueue<>(options.queueFrames());
  }

  @Override
  public Future<?> start() {
    transcriber = new StreamingTranscriber(recognizer, options, new Publisher(vertx.eventBus(), context));
    if (options.echoGate()) {
      // Made here, not in the constructor: the worker frees the canceller's native state when it ends.
      echoGate = new EchoGate(SpeexEchoCanceller.open(options.aec(), ECHO_FRAME, 16_000));
      echoFrames = echoGate.cancelling() ? new WholeFrames(ECHO_FRAME) : null;
    }
    stage.executor().execute(this::runWork);
    consumer = stage.consumer(vertx.eventBus(), Addresses.AUDIO_IN, this::enqueue);
    if (echoGate == null) {
      return consumer.completion();
    }
    Future<PlaybackListener> listening = PlaybackListener.attach(vertx.eventBus(), stage.scope(), echoGate, this::enqueueEcho);
    return Future.all(consumer.completion(), listening.onSuccess(l -> playback = l));
  }

  @Override
  public Future<?> stop() {
    Future<Void> detached = playback == null ? Future.succeededFuture() : playback.detach();
    return detached.eventually(consumer::unregister).compose(v -> {
      work.clear(); // audio not yet decoded is dropped; the utterance in progress is abandoned
      work.offer(() -> transcriber.abort());
      work.offer(STOP);
      return stopped.future();
    });
  }

  /**
   * Drops the utterance being heard, without a final result (e.g. the assistant's own voice
   * while a half-duplex orchestrator ignores the microphone). Audio already queued before this
   * call is still examined first.
   */
  public void abortUtterance() {
    if (!work.offer(() -> transcriber.abort())) {
      LOG.warn("speech input queue full: abort not queued");
    }
  }

  /** What the echo path did, once the verticle has stopped; null without an echo gate or before. */
  public EchoFigures echoFigures() {
    return echoFigures;
  }

  private void enqueue(AudioFrame frame) {
    short[] samples = Pcm16.samples(frame.pcm());
    boolean last = frame.last();
    long offsetMs = frame.offsetMs();
    Runnable task = () -> {
      if (!started) {
        started = true;
        transcriber.startAt(offsetMs);
      }
      if (echoFrames != null) {
        echoFrames.push(samples, this::gateAndDecode);
      } else {
        gateAndDecode(samples, 0, samples.length);
      }
      if (last) {
        if (echoFrames != null) {
          echoFrames.flush(this::gateAndDecode);
        }
        transcriber.finish();
        InputEnded ended = new InputEnded(MonotonicClock.millis());
        context.runOnContext(v -> stage.publish(vertx.eventBus(), Addresses.INPUT_ENDED, ended));
      }
    };
    // The last frame must get through: it is what tells the app the input is over.
    boolean queued = last ? offerLast(task) : work.offer(task);
    if (!queued && dropped.incrementAndGet() % 50 == 1) {
      LOG.warn("speech input queue full: {} audio frames dropped so far", dropped.get());
    }
  }

  private void gateAndDecode(short[] pcm, int off, int len) {
    if (echoGate != null) {
      echoGate.process(pcm, off, len);
    }
    transcriber.accept(pcm, off, len);
  }

  /** Playback news for the echo gate, queued in arrival order with the microphone's frames. */
  private void enqueueEcho(Runnable task) {
    if (!work.offer(task)) {
      LOG.warn("speech input queue full: playback reference dropped");
    }
  }

  private boolean offerLast(Runnable task) {
    while (!work.offer(task)) {
      work.poll(); // make room by dropping the oldest audio
      dropped.incrementAndGet();
    }
    return true;
  }

  private void runWork() {
    try {
      for (Runnable task = work.take(); task != STOP; task = work.take()) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("speech recognition failed: {}", e.toString());
          transcriber.abort();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (echoGate != null) {
        echoFigures = echoGate.figures();
        LOG.debug("echo path: {}", echoFigures);
        echoGate.close();
      }
      stopped.tryComplete();
    }
  }

  /** Turns the transcriber's callbacks (on the worker thread) into bus messages on the verticle's context. */
  private final class Publisher implements StreamingTranscriber.Listener {
    private final EventBus bus;
    private final Context ctx;

    Publisher(EventBus bus, Context ctx) {
      this.bus = bus;
      this.ctx = ctx;
    }

    @Override
    public void speechStarted(String utterance, long atMs) {
      publish(Addresses.VAD, new VadEvent(utterance, true, atMs));
    }

    @Override
    public void partial(Transcript transcript) {
      publish(Addresses.STT_PARTIAL, transcript);
    }

    @Override
    public void speechEnded(String utterance, long atMs) {
      publish(Addresses.VAD, new VadEvent(utterance, false, atMs));
    }

    /**
     * Also a final of no words: noise the recognizer heard nothing in is nothing to answer, but
     * it tells the orchestrator that what stopped the voice was not a request.
     */
    @Override
    public void finalResult(Transcript transcript) {
      publish(Addresses.STT_FINAL, transcript);
    }

    @Override
    public void paused(String utterance, String text, long atMs) {
      publish(Addresses.STT_PAUSE, new SpeechPause(utterance, text, atMs, true));
    }

    @Override
    public void resumed(String utterance, long atMs) {
      publish(Addresses.STT_PAUSE, new SpeechPause(utterance, "", atMs, false));
    }

    private void publish(String address, Object message) {
      ctx.runOnContext(v -> stage.publish(bus, address, message));
    }
  }
}
