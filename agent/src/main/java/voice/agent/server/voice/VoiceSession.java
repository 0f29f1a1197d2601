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
import voice.agent.pipeline.Listening;
import voice.agent.pipeline.VoicePipeline;
import voice.agent.server.upstream.UpstreamErrors;
import voice.audio.out.RealtimePacedSink;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioFrame;
import voice.core.message.CaptureStarted;
import voice.core.message.TurnCancel;
import voice.stt.SttOptions;

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
  private final String client;
  private final VoiceSetup setup;
  private final boolean echoGate;
  private final Runnable onClosed;
  private final WebSocketSink sink;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final ControlMessages control;
  private VoicePipeline pipeline;
  private long samplesIn;
  private boolean started;
  private boolean refusedInput;
  private final io.vertx.core.Promise<Void> released = io.vertx.core.Promise.promise();
  private boolean closed;

  /**
   * @param client the caller's key label (or address), for the per-key limits
   * @param echoGate false when the client's audio is already free of the answer's echo (see {@link VoiceEndpoint})
   */
  VoiceSession(Vertx vertx, ServerWebSocket socket, String id, String client, VoiceSetup setup, boolean echoGate,
      Runnable onClosed) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
    this.client = client;
    this.setup = setup;
    this.echoGate = echoGate;
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
    // The recognizer loads a model (blocking); the client's frames are the session's input.
    SttOptions listening = setup.sttOptions().withEchoGate(echoGate && setup.sttOptions().echoGate());
    return vertx.executeBlocking(setup.recognizers()::get, false)
        .compose(r -> VoicePipeline.deploy(vertx, id, setup.llm().apply(id, client), setup.tts(),
            new RealtimePacedSink(sink), setup.turnOptions(), Listening.of(r, listening, null)))
        .compose(p -> {
          pipeline = p;
          consumers.add(vertx.eventBus().<AgentEvent>consumer(scoped(Addresses.EVENTS), m -> forward(m.body())));
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
          setup.metrics().error("session_failed");
          send(AgentEvent.of("error", null, "error_type", "session_failed", "message", "the voice session could not start"));
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

  /**
   * Bad input from the client: an {@code error} event, and the session stays open, unless the
   * client's key has sent too many bad messages this minute; then the socket is closed (1008),
   * so neither the events nor the error counter can be inflated at will.
   */
  void error(String type, String message) {
    if (refusedInput) {
      return;
    }
    if (setup.badMessages().acquire(client) > 0) {
      refusedInput = true;
      setup.metrics().error("too_many_bad_messages");
      send(AgentEvent.of("error", null, "error_type", "too_many_bad_messages", "message",
          "too many bad messages: at most " + setup.badMessages().perMinute() + " a minute; closing"));
      socket.close((short) 1008, "too many bad messages");
      return;
    }
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
      // A frame arrives after its last sample was said, so the input began a frame's length ago;
      // a client that held audio while the session started sends it as one long first frame.
      long frameMs = pcm.length() / 2 * 1000L / AudioFrame.SAMPLE_RATE;
      publish(Addresses.CAPTURE_STARTED, new CaptureStarted(MonotonicClock.millis() - frameMs));
    }
    long offsetMs = samplesIn * 1000 / AudioFrame.SAMPLE_RATE;
    samplesIn += pcm.length() / 2;
    publish(Addresses.AUDIO_IN, new AudioFrame(offsetMs, pcm, false));
  }

  /**
   * Vert.x reports a message past the server's size limit here ("... to overflow max message
   * size of N"). It would go on to deliver the rest of that message as if it were a new one,
   * so the session tells the client why and closes with 1009 (message too big).
   */
  private void onSocketError(Throwable e) {
    String message = String.valueOf(e.getMessage());
    if (e instanceof IllegalStateException && message.contains("max message size")) {
      if (!refusedInput) {
        refusedInput = true;
        setup.metrics().error("message_too_large");
        send(AgentEvent.of("error", null, "error_type", "message_too_large", "message",
            "message over " + setup.maxWebSocketMessageBytes() + " bytes: closing (1009)"));
        socket.close((short) 1009, "message too large");
      }
    } else {
      LOG.debug("session {}: {}", id, e.toString());
    }
  }

  /** The pipeline's events, less what only the server may know (the provider's URL, error details); a turn's metrics also feed the server's figures. */
  private void forward(AgentEvent event) {
    if ("metrics".equals(event.type())) {
      setup.metrics().turn(event, "voice");
    } else if ("llm.error".equals(event.type())) {
      setup.metrics().error("llm_" + event.fields().get("error_type"));
      UpstreamErrors.PublicError error = UpstreamErrors.report(event.turn(),
          String.valueOf(event.fields().get("error_type")), String.valueOf(event.fields().get("message")));
      event = new AgentEvent(event.type(), event.turn(), event.ts(), event.tMs(),
          Map.of("error_type", error.type(), "message", error.message(), "request_id", String.valueOf(event.turn())));
    } else if ("llm.request".equals(event.type()) && event.fields().containsKey("url")) {
      Map<String, Object> fields = new java.util.LinkedHashMap<>(event.fields());
      fields.remove("url");
      event = new AgentEvent(event.type(), event.turn(), event.ts(), event.tMs(), fields);
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

  /** Turn cancelled (upstream closed), then the pipeline torn down, recognizer included. */
  private Future<Void> release() {
    consumers.forEach(MessageConsumer::unregister);
    if (pipeline == null) {
      return Future.succeededFuture(); // a pipeline that failed to start tore itself down
    }
    pipeline.cancelCurrent(TurnCancel.Reason.cancelled);
    return pipeline.close().recover(e -> {
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
