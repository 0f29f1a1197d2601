package voice.agent.satellite;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioChunk;
import voice.core.message.PlaybackProgress;
import voice.core.message.TurnCancel;
import voice.core.message.VadEvent;
import voice.stt.wake.WakeState;

/**
 * What the server says, turned into local facts (on the event loop): its answer audio becomes
 * the local playback's {@link AudioChunk}s of the server's turn, its events go to the local event
 * stream (less {@code vad.*}, {@code audio.*}, {@code capture.*} and {@code session.*}: the
 * satellite reports its own listening and playback), and the
 * wake state learns when an answer starts and when its local playback ends. Local speech during
 * playback interrupts it: playback stops at once and the server is told.
 */
final class ServerAnswers {
  /** What the satellite itself reports (its voice detector, its playback, its session): the server's word on these is left out. */
  private static final java.util.regex.Pattern LOCAL_FACTS = java.util.regex.Pattern.compile("vad\\..*|audio\\..*|session\\..*|capture\\..*");
  private final Vertx vertx;
  private final SatelliteLink link;
  private final WakeState wake;
  private final Set<String> serverTurns = new HashSet<>();
  private final Set<String> playing = new HashSet<>();
  /** Turns whose local playback ended: audio of theirs still arriving (before the server heard the interrupt) is dropped. */
  private final Set<String> stopped = new HashSet<>();
  /** Server turns that ended ({@code metrics}): a late event of theirs starts nothing. */
  private final Set<String> ended = new HashSet<>();
  private String currentTurn;
  private int chunkIndex;
  private int outputRate = 48_000;
  private int speechEnds;
  private int finals;
  private long lastServerEventMs = MonotonicClock.millis();

  ServerAnswers(Vertx vertx, SatelliteLink link, WakeState wake) {
    this.vertx = vertx;
    this.link = link;
    this.wake = wake;
    var bus = vertx.eventBus();
    bus.<PlaybackProgress>consumer(Addresses.PLAYBACK_PROGRESS, m -> {
      if (m.body().stop() != null) {
        stopped.add(m.body().turn());
        playing.remove(m.body().turn());
        wake.answerEnded(m.body().turn());
      }
    });
    bus.<VadEvent>consumer(Addresses.VAD, m -> {
      if (m.body().speaking()) {
        interrupt();
      }
    });
  }

  void onEvent(JsonObject json) {
    lastServerEventMs = MonotonicClock.millis();
    String type = json.getString("type", "");
    String turn = json.getString("turn");
    if (type.equals("session.start")) {
      outputRate = json.getJsonObject("output", new JsonObject()).getInteger("sample_rate", outputRate);
    }
    if (turn != null && !turn.equals(currentTurn) && !serverTurns.contains(turn) && !ended.contains(turn)) {
      currentTurn = turn;
      chunkIndex = 0;
      serverTurns.add(turn);
      wake.answerStarted(turn);
    }
    switch (type) {
      case "vad.speech_end" -> speechEnds++;
      case "stt.final" -> finals++;
      case "audio.stop", "turn.cancelled", "llm.error" -> endPlayback(turn);
      case "metrics" -> {
        serverTurns.remove(turn);
        ended.add(turn);
        endPlayback(turn);
      }
      default -> { }
    }
    if (!LOCAL_FACTS.matcher(type).matches()) {
      vertx.eventBus().publish(Addresses.EVENTS, toEvent(type, turn, json));
    }
  }

  void onAudio(Buffer pcm) {
    lastServerEventMs = MonotonicClock.millis();
    if (currentTurn != null && !stopped.contains(currentTurn)) {
      playing.add(currentTurn);
      vertx.eventBus().publish(Addresses.AUDIO_OUT, new AudioChunk(currentTurn, chunkIndex++, outputRate, pcm, true, false));
    }
  }

  /** Whether an answer is being written or played: a lost connection now loses it. */
  boolean answering() {
    return !serverTurns.isEmpty() || !playing.isEmpty();
  }

  /** Nothing in flight: every utterance sent was ended by the server, every answer played, and the server quiet a while. */
  boolean settled(int utterancesSent, long quietMs) {
    boolean allHeard = speechEnds >= utterancesSent;
    return !answering() && (allHeard || MonotonicClock.millis() - lastServerEventMs > 5000)
        && MonotonicClock.millis() - lastServerEventMs > quietMs;
  }

  /** Whether the server recognized any words. */
  boolean heardSpeech() {
    return finals > 0;
  }

  private void interrupt() {
    for (String turn : Set.copyOf(playing)) {
      stopped.add(turn);
      vertx.eventBus().publish(Addresses.TURN_CANCEL, new TurnCancel(turn, TurnCancel.Reason.bargein));
    }
    if (!playing.isEmpty() || !serverTurns.isEmpty()) {
      link.sendControl(new JsonObject().put("type", "interrupt"));
      vertx.eventBus().publish(Addresses.EVENTS, AgentEvent.of("turn.bargein", currentTurn));
    }
  }

  private void endPlayback(String turn) {
    if (turn != null && playing.contains(turn)) {
      vertx.eventBus().publish(Addresses.AUDIO_OUT, new AudioChunk(turn, chunkIndex++, outputRate, Buffer.buffer(), true, true));
    } else if (turn != null) {
      wake.answerEnded(turn); // nothing of it was played here
    }
  }

  private static AgentEvent toEvent(String type, String turn, JsonObject json) {
    Map<String, Object> fields = new LinkedHashMap<>(json.getMap());
    fields.keySet().removeAll(Set.of("type", "turn", "ts", "t_ms"));
    return new AgentEvent(type, turn, json.getLong("ts", System.currentTimeMillis()),
        json.getLong("t_ms", MonotonicClock.millis()), fields);
  }
}
