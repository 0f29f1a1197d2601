package voice.core.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.event.AgentEvent;
import voice.core.llm.LlmEvent;
import voice.core.message.AudioChunk;
import voice.core.message.CaptureStarted;
import voice.core.message.PlaybackAudio;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.SynthesisStarted;
import voice.core.message.ChatMessage;
import voice.core.message.InputEnded;
import voice.core.message.WakeDetected;
import voice.core.message.SpeechPause;
import voice.core.message.TurnCommit;
import voice.core.message.TurnResume;
import voice.core.message.TurnSpeculation;
import voice.core.message.LlmRequest;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;
import voice.core.message.TurnSummary;

class CodecsTest {
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    Codecs.register(vertx); // a second pipeline in the same Vert.x must not fail
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @Test
  void audioIsDeliveredLocallyWithoutCopy() throws Exception {
    Buffer pcm = Buffer.buffer(new byte[] {1, 2, 3, 4});
    AudioChunk sent = new AudioChunk("t1", 0, 48000, pcm, true, false);
    CompletableFuture<AudioChunk> received = new CompletableFuture<>();
    vertx.eventBus().<AudioChunk>consumer(Addresses.AUDIO_OUT, m -> received.complete(m.body()));
    vertx.eventBus().publish(Addresses.AUDIO_OUT, sent);
    assertThat(received.get(5, TimeUnit.SECONDS)).isSameAs(sent);
    assertThat(received.get().pcm()).isSameAs(pcm);
  }

  @Test
  void recordsSurviveTheWire() {
    assertThat(roundTrip(new AudioChunk("t1", 2, 16000, Buffer.buffer(new byte[] {9, -8, 7}), true, true)))
        .satisfies(c -> {
          assertThat(c.pcm().getBytes()).containsExactly(9, -8, 7);
          assertThat(c.turn()).isEqualTo("t1");
          assertThat(c.last()).isTrue();
        });
    assertThat(roundTrip(new PlaybackAudio("t1", 48000, 960, 1_234_567, Buffer.buffer(new byte[] {1, -2}))))
        .satisfies(a -> {
          assertThat(a.pcm().getBytes()).containsExactly(1, -2);
          assertThat(a.frame()).isEqualTo(960);
          assertThat(a.playsAtUs()).isEqualTo(1_234_567);
          assertThat(a.flush()).isFalse();
        });
    LlmRequest request = new LlmRequest("t2", List.of(ChatMessage.system("be brief"), ChatMessage.user("hi")));
    assertThat(roundTrip(request)).isEqualTo(request);
    TurnCancel cancel = new TurnCancel("t3", TurnCancel.Reason.bargein);
    assertThat(roundTrip(cancel)).isEqualTo(cancel);
    Transcript transcript = new Transcript("u1", "go forward", true, 10, 900, List.of(new Transcript.Word("go", 10, 200)));
    assertThat(roundTrip(transcript)).isEqualTo(transcript);
  }

  @Test
  void captureAndPlaybackFactsSurviveTheWire() {
    CaptureStarted capture = new CaptureStarted(1234);
    assertThat(roundTrip(capture)).isEqualTo(capture);
    InputEnded ended = new InputEnded(4321);
    assertThat(roundTrip(ended)).isEqualTo(ended);
    WakeDetected wake = new WakeDetected("hey computer");
    assertThat(roundTrip(wake)).isEqualTo(wake);
    PlaybackStarted started = new PlaybackStarted("t1", 567);
    assertThat(roundTrip(started)).isEqualTo(started);
    PlaybackProgress chunk = PlaybackProgress.chunkDone("t1", 0, 900);
    assertThat(roundTrip(chunk)).isEqualTo(chunk);
    PlaybackProgress stopped = PlaybackProgress.stopped("t1", 2, 2100,
        new PlaybackProgress.Stop("bargein", 3, true, 8901));
    assertThat(roundTrip(stopped)).isEqualTo(stopped);
    assertThat(roundTrip(stopped).stopReason()).isEqualTo("bargein");
  }

  @Test
  void synthesisAndTurnFiguresSurviveTheWire() {
    SynthesisStarted synthesis = new SynthesisStarted("t1", 3, "It costs $5.", "It costs five dollars.");
    assertThat(roundTrip(synthesis)).isEqualTo(synthesis);
    TurnSummary summary = new TurnSummary("t1", java.util.Map.of("ttft_ms", 212.5, "underruns", 0));
    assertThat(roundTrip(summary)).isEqualTo(summary);
  }

  @Test
  void turnTakingFactsSurviveTheWire() {
    SpeechPause pause = new SpeechPause("u2", "what is the capital of france", 1840, true);
    assertThat(roundTrip(pause)).isEqualTo(pause);
    TurnSpeculation speculation = new TurnSpeculation("turn-3", "u2", "what is the capital of france");
    assertThat(roundTrip(speculation)).isEqualTo(speculation);
    TurnCommit commit = new TurnCommit("turn-3", "u2", "what is the capital of france", true);
    assertThat(roundTrip(commit)).isEqualTo(commit);
    TurnResume resume = new TurnResume("turn-5", "turn-4", 2, 3150);
    assertThat(roundTrip(resume)).isEqualTo(resume);
  }

  @Test
  void typedFactsAreDeliveredLocallyWithoutCopy() throws Exception {
    PlaybackStarted sent = new PlaybackStarted("t1", 5);
    CompletableFuture<PlaybackStarted> received = new CompletableFuture<>();
    vertx.eventBus().<PlaybackStarted>consumer(Addresses.PLAYBACK_STARTED, m -> received.complete(m.body()));
    vertx.eventBus().publish(Addresses.PLAYBACK_STARTED, sent);
    assertThat(received.get(5, TimeUnit.SECONDS)).isSameAs(sent);
  }

  @Test
  void llmEventsKeepTheirKindOnTheWire() {
    List<LlmEvent> events = List.of(
        new LlmEvent.MessageStart("t", "msg_1", "m"),
        new LlmEvent.BlockStart("t", 1, LlmEvent.BlockType.tool_use, "toolu_1", "calculator"),
        new LlmEvent.BlockDelta("t", 0, LlmEvent.BlockType.text, "Hello"),
        new LlmEvent.MessageDelta("t", "end_turn", new LlmEvent.Usage(12, 34)),
        new LlmEvent.MessageStop("t", true),
        new LlmEvent.LlmError("t", "overloaded_error", "Overloaded"));
    for (LlmEvent event : events) {
      assertThat(roundTrip(event)).isEqualTo(event);
    }
  }

  @Test
  void agentEventsFlattenToThePublicFormat() {
    AgentEvent event = AgentEvent.of("tts.chunk", "t1", "text", "Hello.");
    assertThat(roundTrip(event)).isEqualTo(event);
    assertThat(event.toJsonMap()).containsKeys("ts", "t_ms", "turn", "type", "text");
    assertThat(event.toJsonMap().get("type")).isEqualTo("tts.chunk");
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) {
    MessageCodec<T, T> codec = new JsonRecordCodec<>((Class<T>) wireType(value), "test");
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, value);
    return codec.decodeFromWire("prefix".length(), wire);
  }

  private static Class<?> wireType(Object value) {
    return value instanceof LlmEvent ? LlmEvent.class : value.getClass();
  }
}
