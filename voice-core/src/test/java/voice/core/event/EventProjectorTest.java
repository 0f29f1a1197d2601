package voice.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.llm.LlmEvent;
import voice.core.message.CaptureStarted;
import voice.core.message.InputEnded;
import voice.core.message.WakeDetected;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.SynthesisStarted;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;
import voice.core.message.TurnSummary;
import voice.core.message.VadEvent;

/** Typed facts in, public events out, with the types and fields of DESIGN.md. */
class EventProjectorTest {
  private static final String SCOPE = "p1";
  private static Vertx vertx;
  private static final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, SCOPE), m -> events.add(m.body()));
    vertx.deployVerticle(new EventProjector(SCOPE)).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void audioFactsBecomeTheirPublicEventsAtTheirOwnTime() throws Exception {
    long captured = MonotonicClock.millis() - 40;
    publish(Addresses.CAPTURE_STARTED, new CaptureStarted(captured));
    AgentEvent capture = take();
    assertThat(capture.type()).isEqualTo("capture.start");
    assertThat(capture.turn()).isNull();
    assertThat(capture.tMs()).isEqualTo(captured);
    assertThat(capture.fields()).isEmpty();
    assertThat(System.currentTimeMillis() - capture.ts()).as("wall clock of the fact").isBetween(40L, 60_000L);

    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1000));
    AgentEvent start = take();
    assertThat(start.type()).isEqualTo("audio.start");
    assertThat(start.turn()).isEqualTo("t1");
    assertThat(start.tMs()).isEqualTo(1000);
    assertThat(start.fields()).isEmpty();

    // A chunk played out and a turn stopped before any audio are not public events.
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 0, 900));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t0", 0, 0,
        new PlaybackProgress.Stop("cancelled", 0, false, 1100)));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 1, 2100,
        new PlaybackProgress.Stop("bargein", 2, true, 2200)));
    AgentEvent stop = take();
    assertThat(stop.type()).isEqualTo("audio.stop");
    assertThat(stop.turn()).isEqualTo("t1");
    assertThat(stop.tMs()).isEqualTo(2200);
    assertThat(stop.fields()).containsExactly(
        Map.entry("reason", "bargein"), Map.entry("underruns", 2),
        Map.entry("played_ms", 2100L), Map.entry("chunk", 1));

    publish(Addresses.INPUT_ENDED, new InputEnded(3000));
    AgentEvent end = take();
    assertThat(end.type()).isEqualTo("stt.input_end");
    assertThat(end.turn()).isNull();
    assertThat(end.tMs()).isEqualTo(3000);
    assertThat(end.fields()).isEmpty();

    publish(Addresses.WAKE_DETECTED, new WakeDetected("hey computer"));
    AgentEvent wake = take();
    assertThat(wake.type()).isEqualTo("wake.detected");
    assertThat(wake.fields()).containsExactly(Map.entry("phrase", "hey computer"));
  }

  @Test
  void recognitionFactsBecomeVadAndSttEvents() throws Exception {
    publish(Addresses.VAD, new VadEvent("u1", true, 340));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("vad.speech_start");
      assertThat(e.turn()).isNull();
      assertThat(e.fields()).containsExactly(Map.entry("utterance", "u1"), Map.entry("at_ms", 340L));
    });
    publish(Addresses.STT_PARTIAL, new Transcript("u1", "go for", false, 340, 900, List.of()));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("stt.partial");
      assertThat(e.fields()).containsExactly(Map.entry("utterance", "u1"), Map.entry("text", "go for"));
    });
    publish(Addresses.VAD, new VadEvent("u1", false, 2900));
    assertThat(take().type()).isEqualTo("vad.speech_end");
    publish(Addresses.STT_FINAL, new Transcript("u1", "go forward ten meters", true, 340, 2900, List.of()));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("stt.final");
      assertThat(e.fields()).containsExactly(Map.entry("utterance", "u1"), Map.entry("text", "go forward ten meters"),
          Map.entry("start_ms", 340L), Map.entry("end_ms", 2900L));
    });
  }

  @Test
  void modelEventsBecomeLlmEventsWithStopReasonAndUsageOnTheStop() throws Exception {
    publish(Addresses.LLM_EVENT, new LlmEvent.RequestSent("t2", "openai", "m1", "http://127.0.0.1:1/v1/chat/completions"));
    assertThat(take().fields()).containsExactly(Map.entry("provider", "openai"), Map.entry("model", "m1"),
        Map.entry("url", "http://127.0.0.1:1/v1/chat/completions"));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStart("t2", "msg_1", "m1"));
    assertThat(take().type()).isEqualTo("llm.message_start");
    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta("t2", 0, LlmEvent.BlockType.thinking, "hmm"));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("llm.thinking_delta");
      assertThat(e.fields()).containsExactly(Map.entry("text", "hmm"));
    });
    // A tool call's argument fragments and the message delta have no event of their own.
    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta("t2", 1, LlmEvent.BlockType.tool_use, "{\"expr"));
    publish(Addresses.LLM_EVENT, new LlmEvent.ToolCall("t2", "call_1", "calculator", "{\"expression\":\"1+2\"}"));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("llm.tool_call");
      assertThat(e.fields()).containsExactly(Map.entry("id", "call_1"), Map.entry("name", "calculator"),
          Map.entry("arguments", Map.of("expression", "1+2")));
    });
    publish(Addresses.LLM_EVENT, new LlmEvent.ToolResult("t2", "call_1", "calculator", "3", false));
    assertThat(take().fields()).containsEntry("content", "3").containsEntry("is_error", false);
    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta("t2", 0, LlmEvent.BlockType.text, "Three."));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("llm.text_delta");
      assertThat(e.turn()).isEqualTo("t2");
      assertThat(e.fields()).containsExactly(Map.entry("text", "Three."));
    });
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageDelta("t2", "end_turn", new LlmEvent.Usage(12, 3)));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop("t2", true));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("llm.message_stop");
      assertThat(e.fields()).containsExactly(Map.entry("stop_reason", "end_turn"),
          Map.entry("usage", Map.of("input_tokens", 12, "output_tokens", 3)), Map.entry("end_of_turn", true));
    });
    publish(Addresses.LLM_EVENT, new LlmEvent.LlmError("t3", "overloaded_error", "Overloaded"));
    assertThat(take().fields()).containsExactly(Map.entry("error_type", "overloaded_error"), Map.entry("message", "Overloaded"));
  }

  @Test
  void turnFactsBecomeTtsTurnAndMetricsEventsAndACancelIsReportedOnce() throws Exception {
    publish(Addresses.SYNTHESIS_STARTED, new SynthesisStarted("t4", 1, "It costs $5.", "It costs five dollars."));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("tts.chunk");
      assertThat(e.fields()).containsExactly(Map.entry("text", "It costs $5."),
          Map.entry("spoken", "It costs five dollars."), Map.entry("index", 1));
    });
    publish(Addresses.TURN_CANCEL, new TurnCancel("t4", TurnCancel.Reason.bargein));
    publish(Addresses.TURN_CANCEL, new TurnCancel("t4", TurnCancel.Reason.cancelled));
    assertThat(take()).satisfies(e -> {
      assertThat(e.type()).isEqualTo("turn.bargein");
      assertThat(e.turn()).isEqualTo("t4");
      assertThat(e.fields()).isEmpty();
    });
    assertThat(take().fields()).containsExactly(Map.entry("reason", "bargein"));
    publish(Addresses.METRICS, new TurnSummary("t4", Map.of("ttfa_ms", 310.5)));
    assertThat(take()).as("the second cancel of t4 was not reported").satisfies(e -> {
      assertThat(e.type()).isEqualTo("metrics");
      assertThat(e.turn()).isEqualTo("t4");
      assertThat(e.fields()).containsExactly(Map.entry("ttfa_ms", 310.5));
    });
    publish(Addresses.TURN_DONE, new TurnDone("t5", "done", null));
    publish(Addresses.TURN_CANCEL, new TurnCancel("t5", TurnCancel.Reason.cancelled));
    publish(Addresses.TURN_CANCEL, new TurnCancel("t6", TurnCancel.Reason.cancelled));
    assertThat(take()).as("a cancel that came after its turn ended is not reported").satisfies(e -> {
      assertThat(e.type()).isEqualTo("turn.cancelled");
      assertThat(e.turn()).isEqualTo("t6");
      assertThat(e.fields()).containsExactly(Map.entry("reason", "cancelled"));
    });
  }

  private static void publish(String base, Object message) {
    vertx.eventBus().publish(Addresses.scoped(base, SCOPE), message);
  }

  private static AgentEvent take() throws InterruptedException {
    AgentEvent event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("event within 5 s").isNotNull();
    return event;
  }
}
