package voice.agent.server.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.agent.pipeline.VoicePipeline;
import voice.audio.out.RealtimePacedSink;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioFrame;
import voice.core.message.CaptureStarted;
import voice.core.message.TurnCancel;
import voice.core.stage.StageThreads;
import voice.stt.Recognizer;
import voice.stt.SttVerticle;

/**
 * One conversation over one WebSocket, in its own event-bus scope so sessions never hear each
 * other: binary frames of 16 kHz PCM go to recognition, the pipeline's events go back as JSON
 * text frames and its voice as binary frames. Bad input gets an {@code error} event and the
 * session goes on.
 */
final class VoiceSession {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceSession.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final String id;
  private final VoiceSetup setup;
  private final Runnable onClosed;
  private final WebSocketSink sink;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final ControlMessages control;
  private Recognizer recognizer;
  private String sttDeployment;
  private final StageThreads sttThread;
  private VoicePipeline pipeline;
  private long samplesIn;
  private boolean started;
  private boolean oversized;
  private final io.vertx.core.Promise<Void> released = io.vertx.core.Promise.promise();
  private boolean closed;

  VoiceSession(Vertx vertx, ServerWebSocket socket, String id, VoiceSetup setup, Runnable onClosed) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
    this.setup = setup;
    this.sttThread = new StageThreads(id);
    this.onClosed = onClosed;
    this.sink = new WebSocketSink(socket, 0);
    this.control = new ControlMessages(this);
  }

  String id() {
    return id;
  }

  /** Builds the session's pipeline while the socket is paused, then announces the session. */
  Future<Void> start() {
    socket.pause();
    socket.binaryMessageHandler(this::onAudio);
    socket.textMessageHandler(control::onMessage);
    socket.closeHandler(v -> close());
    socket.exceptionHandler(this::onSocketError);
    return vertx.executeBlocking(setup.recognizers()::get, false)
        .compose(r -> {
          recognizer = r;
          return vertx.deployVerticle(new SttVerticle(r, setup.sttOptions(), id, sttThread.single("stt")));
        })
        .compose(deployment -> {
          sttDeployment = deployment;
          return VoicePipeline.deploy(vertx, id, setup.llm().apply(id), setup.tts(),
              new RealtimePacedSink(sink), setup.turnOptions());
        })
        .compose(p -> {
          pipeline = p;
          consumers.add(vertx.eventBus().<AgentEvent>consumer(scoped(Addresses.EVENTS), m -> forward(m.body())));
          consumers.add(vertx.eventBus().<AgentEvent>consumer(scoped(Addresses.METRICS), m -> setup.metrics().turn(m.body(), "voice")));
          return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
        })
        .<Void>map(v -> {
          started = true;
          if (closed) {
            finish(); // the client left while the session was being built
          } else {
            send(sessionStart());
            socket.resume();
          }
          return null;
        })
        .onFailure(e -> {
          LOG.warn("session {} could not start: {}", id, e.toString());
          error("session_failed", "the voice session could not start: " + e.getMessage());
          if (!closed) {
            closed = true;
            socket.close((short) 1011, "session failed");
          }
          finish();
        });
  }

  /** Cancels the answer being spoken (the client's stop button). */
  void interrupt() {
    pipeline.cancelCurrent(TurnCancel.Reason.cancelled);
  }

  /** A typed user turn, answered like a spoken one. */
  void ask(String text) {
    pipeline.ask(text);
  }

  void outputRate(int rate) {
    sink.outputRate(rate);
    send(AgentEvent.of("session.updated", null, "output", audioFormat(sink.outputRateFor(setup.tts().sampleRate()))));
  }

  /** Sends an {@code error} event: the session stays open. */
  void error(String type, String message) {
    setup.metrics().error(type);
    send(AgentEvent.of("error", null, "error_type", type, "message", message));
  }

  int maxTextMessageBytes() {
    return setup.maxTextMessageBytes();
  }

  private void onAudio(Buffer pcm) {
    if (pcm.length() > setup.maxAudioFrameBytes()) {
      error("audio_frame_too_large", "audio frame of " + pcm.length() + " bytes dropped: at most "
          + setup.maxAudioFrameBytes() + " bytes (16 kHz mono 16-bit PCM) per frame");
      return;
    }
    if (pcm.length() % 2 != 0 || pcm.length() == 0) {
      error("bad_audio_frame", "audio frame of " + pcm.length()
          + " bytes dropped: send 16 kHz mono 16-bit little-endian PCM, an even number of bytes");
      return;
    }
    if (samplesIn == 0) {
      publish(Addresses.CAPTURE_STARTED, new CaptureStarted(MonotonicClock.millis()));
    }
    long offsetMs = samplesIn * 1000 / AudioFrame.SAMPLE_RATE;
    samplesIn += pcm.length() / 2;
    publish(Addresses.AUDIO_IN, new AudioFrame(offsetMs, pcm, false));
  }

  /** Vert.x reports a message past the server's size limit here; it is dropped and the session goes on. */
  private void onSocketError(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof IllegalStateException && message.contains("max size")) {
      if (!oversized) {
        oversized = true; // one event per oversized message, not one per frame
        error("message_too_large", "message dropped: " + message);
        vertx.setTimer(1000, t -> oversized = false);
      }
    } else {
      LOG.debug("session {}: {}", id, e.toString());
    }
  }

  private void forward(AgentEvent event) {
    if ("llm.error".equals(event.type())) {
      setup.metrics().error("llm_" + event.fields().get("error_type"));
    }
    send(event);
  }

  private void send(AgentEvent event) {
    if (socket.isClosed()) {
      return;
    }
    try {
      socket.writeTextMessage(JSON.writeValueAsString(event.toJsonMap()));
    } catch (JsonProcessingException e) {
      LOG.warn("event {} not serializable: {}", event.type(), e.getMessage());
    }
  }

  private AgentEvent sessionStart() {
    return AgentEvent.of("session.start", null, "session", id,
        "input", Map.of("encoding", "pcm_s16le", "sample_rate", AudioFrame.SAMPLE_RATE, "channels", 1),
        "output", audioFormat(sink.outputRateFor(setup.tts().sampleRate())),
        "limits", Map.of("max_audio_frame_bytes", setup.maxAudioFrameBytes(),
            "max_text_message_bytes", setup.maxTextMessageBytes()));
  }

  private static Map<String, Object> audioFormat(int rate) {
    return Map.of("encoding", "pcm_s16le", "sample_rate", rate, "channels", 1);
  }

  /** Ends the session from the server's side (shutdown); completes when it is torn down. */
  Future<Void> shutdown() {
    if (!socket.isClosed()) {
      socket.close((short) 1001, "server shutting down");
    }
    close();
    return released.future();
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (started) {
      finish(); // else the start chain finishes when it is done building
    }
  }

  /** Tears the session down, then frees its slot. Runs once. */
  private void finish() {
    release().onComplete(v -> {
      onClosed.run();
      released.tryComplete();
    });
  }

  /** Turn cancelled (upstream closed), stages undeployed, then the recognizer freed. */
  private Future<Void> release() {
    consumers.forEach(MessageConsumer::unregister);
    Future<Void> chain = Future.succeededFuture();
    if (pipeline != null) {
      pipeline.cancelCurrent(TurnCancel.Reason.cancelled);
      VoicePipeline p = pipeline;
      chain = chain.eventually(p::close);
    }
    if (sttDeployment != null) {
      String deployment = sttDeployment;
      chain = chain.eventually(() -> vertx.undeploy(deployment));
    }
    chain = chain.andThen(v -> sttThread.close());
    Recognizer r = recognizer;
    // Only once recognition has stopped is the decoder no longer in use: freeing it earlier
    // would crash the native library. If the stop failed (Vert.x closing), leave it to the exit.
    return chain.compose(v -> r == null ? Future.<Void>succeededFuture() : vertx.<Void>executeBlocking(() -> {
      r.close();
      return null;
    })).recover(e -> {
      LOG.debug("session {} teardown: {}", id, e.toString());
      return Future.succeededFuture();
    });
  }

  private void publish(String base, Object message) {
    vertx.eventBus().publish(scoped(base), message);
  }

  private String scoped(String base) {
    return Addresses.scoped(base, id);
  }
}
