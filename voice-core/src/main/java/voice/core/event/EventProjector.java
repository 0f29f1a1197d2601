package voice.core.event;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.function.Consumer;
import voice.core.bus.Addresses;
import voice.core.llm.LlmEvent;
import voice.core.message.CaptureStarted;
import voice.core.message.InputEnded;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.SynthesisStarted;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;
import voice.core.message.TurnCommit;
import voice.core.message.TurnDone;
import voice.core.message.TurnResume;
import voice.core.message.TurnSpeculation;
import voice.core.message.TurnSummary;
import voice.core.message.VadEvent;
import voice.core.message.WakeDetected;
import voice.core.stage.RecentIds;

/**
 * The edge of one conversation ({@code scope}): the one place that writes the public events of
 * docs/DESIGN.md ({@code voice.events}), from the typed messages the stages publish. Stages
 * react only to those typed messages and never publish or read {@link AgentEvent}s; an event's
 * type and field names live here and nowhere else.
 */
public final class EventProjector extends VerticleBase {
  private final String scope;
  private final LlmEventProjection llm = new LlmEventProjection();
  /** Turns already reported cancelled or over: a late or repeated cancel is not a new event. */
  private final RecentIds<Boolean> settledTurns = new RecentIds<>();
  private EventBus bus;

  public EventProjector(String scope) {
    this.scope = scope;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    return Future.all(List.of(
        on(Addresses.CAPTURE_STARTED, (CaptureStarted m) -> publish(AgentEvent.at(m.tMs(), "capture.start", null))),
        on(Addresses.VAD, this::onVad),
        on(Addresses.STT_PARTIAL, (Transcript t) -> publish(AgentEvent.of("stt.partial", null,
            "utterance", t.utterance(), "text", t.text()))),
        // A final of no words (a noise) is news for the orchestrator only: no public event.
        on(Addresses.STT_FINAL, (Transcript t) -> publish(t.text().isBlank() ? null : AgentEvent.of("stt.final", null,
            "utterance", t.utterance(), "text", t.text(), "start_ms", t.startMs(), "end_ms", t.endMs()))),
        on(Addresses.TURN_SPECULATIVE, (TurnSpeculation s) -> publish(AgentEvent.of("turn.speculative_start", s.turn(),
            "utterance", s.utterance(), "text", s.text()))),
        on(Addresses.TURN_COMMIT, (TurnCommit c) -> publish(AgentEvent.of("turn.commit", c.turn(),
            "utterance", c.utterance(), "text", c.text(), "speculative", c.speculative()))),
        on(Addresses.TURN_RESUME, (TurnResume r) -> publish(AgentEvent.of("turn.resume", r.turn(),
            "resumes", r.resumes(), "chunk", r.chunk(), "played_ms", r.playedMs()))),
        on(Addresses.WAKE_DETECTED, (WakeDetected w) -> publish(AgentEvent.of("wake.detected", null, "phrase", w.phrase()))),
        on(Addresses.INPUT_ENDED, (InputEnded m) -> publish(AgentEvent.at(m.tMs(), "stt.input_end", null))),
        on(Addresses.LLM_EVENT, (LlmEvent e) -> publish(llm.project(e))),
        on(Addresses.SYNTHESIS_STARTED, (SynthesisStarted s) -> publish(AgentEvent.of("tts.chunk", s.turn(),
            "text", s.text(), "spoken", s.spoken(), "index", s.index()))),
        on(Addresses.PLAYBACK_STARTED, (PlaybackStarted m) -> publish(AgentEvent.at(m.tMs(), "audio.start", m.turn()))),
        on(Addresses.PLAYBACK_PROGRESS, this::onProgress),
        on(Addresses.TURN_CANCEL, this::onCancel),
        on(Addresses.METRICS, (TurnSummary s) -> publish(new AgentEvent("metrics", s.turn(),
            System.currentTimeMillis(), MonotonicClock.millis(), s.metrics()))),
        on(Addresses.TURN_DONE, (TurnDone d) -> settledTurns.add(d.turn(), true))));
  }

  private void onVad(VadEvent vad) {
    if (vad.speaking()) {
      publish(AgentEvent.of("vad.speech_start", null, "utterance", vad.utterance(), "at_ms", vad.atMs()));
    } else {
      publish(AgentEvent.of("vad.speech_end", null, "utterance", vad.utterance(), "at_ms", vad.atMs()));
    }
  }

  private void onProgress(PlaybackProgress progress) {
    PlaybackProgress.Stop stop = progress.stop();
    if (stop != null && stop.audioStarted()) {
      publish(AgentEvent.at(stop.tMs(), "audio.stop", progress.turn(),
          "reason", stop.reason(), "underruns", stop.underruns(),
          // What was heard: the page marks the chunks from this one on as not heard.
          "played_ms", progress.playedMs(), "chunk", progress.chunkIndex()));
    }
  }

  /** The first cancel of a turn still going: a barge-in is reported as such, then the cancel. */
  private void onCancel(TurnCancel cancel) {
    if (settledTurns.contains(cancel.turn())) {
      return;
    }
    settledTurns.add(cancel.turn(), true);
    if (cancel.reason() == TurnCancel.Reason.bargein) {
      publish(AgentEvent.of("turn.bargein", cancel.turn()));
    }
    publish(AgentEvent.of("turn.cancelled", cancel.turn(), "reason", cancel.reason().name()));
  }

  private <T> Future<Void> on(String base, Consumer<T> handler) {
    return bus.<T>consumer(Addresses.scoped(base, scope), m -> handler.accept(m.body())).completion();
  }

  private void publish(AgentEvent event) {
    if (event != null) {
      bus.publish(Addresses.scoped(Addresses.EVENTS, scope), event);
    }
  }
}
