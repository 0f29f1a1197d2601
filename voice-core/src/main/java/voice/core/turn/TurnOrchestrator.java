package voice.core.turn;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import voice.core.bus.Addresses;
import voice.core.chunk.SentenceChunker;
import voice.core.event.MonotonicClock;
import voice.core.llm.LlmEvent;
import voice.core.message.CaptureStarted;
import voice.core.message.LlmRequest;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.SpeechPause;
import voice.core.message.TextChunk;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;
import voice.core.message.TurnCommit;
import voice.core.message.TurnDone;
import voice.core.message.TurnResume;
import voice.core.message.TurnSpeculation;
import voice.core.message.TurnSummary;
import voice.core.message.UserTurn;
import voice.core.message.VadEvent;
import voice.core.stage.RecentIds;
import voice.core.stage.Stage;

/**
 * Takes turns: a user's words (typed or recognized) start a turn, the model's text is cut into
 * speakable chunks as it streams, and the turn ends when its audio has been played, or when the
 * user speaks over it (barge-in), which cancels everything of that turn. The history keeps only
 * what the user heard.
 *
 * <p>At a pause inside an utterance ({@link SpeechPause}) the words so far go to the model as a
 * speculative turn whose audio playback holds until the utterance ends ({@link TurnCommit});
 * speech going on abandons it unheard. An answer stopped by speech that holds no request (a
 * noise, "mhm") is resumed from the chunk being heard when it stopped ({@link TurnResume}).
 */
public final class TurnOrchestrator extends VerticleBase {
  /** How long to wait for playback to confirm a cancelled turn's audio stopped. */
  private static final long STOP_CONFIRM_TIMEOUT_MS = 500;

  private final Stage stage;
  private final TurnOptions options;
  private final Conversation conversation;
  /** Utterances whose final must not start a turn; bounded, since a noise may never get a final. */
  private final RecentIds<Boolean> ignoredUtterances = new RecentIds<>();
  private EventBus bus;
  private ActiveTurn current;
  /** The current turn's id, for callers off the event loop (Ctrl-C, a client's stop button). */
  private volatile String activeTurnId;
  private int turnCounter;
  private double captureStartAt = Double.NaN;
  private String speakingUtterance;
  /** The last speculative turn committed (until its final), and a barged-in answer (until its interruption's). */
  private ActiveTurn committed;
  private ActiveTurn suspended;

  public TurnOrchestrator(TurnOptions options, String scope) {
    this.options = options;
    this.stage = Stage.of(scope);
    this.conversation = new Conversation(options.systemPrompt(), options.maxHistoryMessages());
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    return Future.all(List.of(
        bus.<UserTurn>consumer(stage.address(Addresses.TURN_START), m -> startTurn(m.body().turn(), m.body().text(), Double.NaN)).completion(),
        stage.turnConsumer(bus, Addresses.SAY_TEXT, TextChunk::turn, this::onSayText).completion(),
        bus.<Transcript>consumer(stage.address(Addresses.STT_FINAL), m -> onFinalTranscript(m.body())).completion(),
        bus.<VadEvent>consumer(stage.address(Addresses.VAD), m -> onVad(m.body())).completion(),
        bus.<SpeechPause>consumer(stage.address(Addresses.STT_PAUSE), m -> onPause(m.body())).completion(),
        stage.turnConsumer(bus, Addresses.LLM_EVENT, LlmEvent::turn, this::onLlmEvent).completion(),
        bus.<PlaybackProgress>consumer(stage.address(Addresses.PLAYBACK_PROGRESS), m -> onPlayback(m.body())).completion(),
        bus.<TurnCancel>consumer(stage.address(Addresses.TURN_CANCEL), m -> onCancel(m.body())).completion(),
        bus.<CaptureStarted>consumer(stage.address(Addresses.CAPTURE_STARTED), m -> captureStartAt = m.body().tMs()).completion(),
        bus.<PlaybackStarted>consumer(stage.address(Addresses.PLAYBACK_STARTED), m -> onPlaybackStarted(m.body())).completion()));
  }

  /** The history as the model will see it next (tests and the server read it). */
  public Conversation conversation() {
    return conversation;
  }

  /** The id of the turn being answered or spoken, or null; readable from any thread. */
  public String activeTurn() {
    return activeTurnId;
  }

  private void startTurn(String requestedId, String text, double userSpeechEndAt) {
    if (text == null || text.isBlank()) {
      return;
    }
    String id = beginTurn(requestedId != null ? requestedId : nextTurnId(), true);
    current.metrics.userSpeechEnded(userSpeechEndAt);
    conversation.addUser(text.strip());
    bus.publish(stage.address(Addresses.LLM_REQUEST), new LlmRequest(id, conversation.snapshot()));
  }

  /** Ends the active turn, if any, and makes {@code id} the current one. */
  private String beginTurn(String id, boolean answer) {
    if (isActive()) {
      if (!current.cancelled()) {
        cancel(TurnCancel.Reason.cancelled);
      }
      finish(current.cancelReason);
    }
    current = new ActiveTurn(id, new SentenceChunker(options.chunker()), answer,
        chunk -> bus.publish(stage.address(Addresses.TTS_TEXT), chunk));
    activeTurnId = id;
    current.metrics.requestSent(MonotonicClock.millisPrecise());
    return id;
  }

  /**
   * Text to speak without a model ({@code say}), already cut into chunks: its first chunk starts a
   * turn of its own, which ends and is cancelled like an answer, but is neither kept (nobody
   * asked for it, and it may be a whole book) nor measured (no model, no metrics event).
   */
  private void onSayText(TextChunk chunk) {
    if (!isActive() || !chunk.turn().equals(current.id)) {
      if (chunk.index() != 0) {
        return; // the rest of a turn that is already over
      }
      beginTurn(chunk.turn(), false);
    }
    ActiveTurn turn = current;
    if (turn.cancelled() || turn.textEnded) {
      return;
    }
    if (!chunk.text().isEmpty()) {
      turn.send(chunk.text());
    }
    if (chunk.last()) {
      turn.endText(MonotonicClock.millisPrecise());
    }
  }

  private void onFinalTranscript(Transcript transcript) {
    boolean ignored = ignoredUtterances.remove(transcript.utterance());
    String text = transcript.text().strip();
    if (committed != null && transcript.utterance().equals(committed.utterance) && !text.isEmpty()) {
      conversation.correctUser(committed.userText, text); // answered already: the history gets the final's words
      committed = null;
    }
    if (suspended != null && transcript.utterance().equals(suspended.bargedInBy)) {
      ActiveTurn stopped = suspended;
      suspended = null;
      if (text.isEmpty() || EndOfTurn.isBackchannel(text)) {
        resume(stopped);
        return;
      }
    }
    if (ignored || text.isEmpty()) {
      return; // noise, or speech during half-duplex playback
    }
    ActiveTurn turn = current;
    if (turn != null && turn.speculative && !turn.cancelled() && transcript.utterance().equals(turn.utterance)) {
      if (EndOfTurn.sameWords(turn.userText, text)) {
        commit(turn, inputTime(transcript.endMs()));
        return;
      }
      cancel(TurnCancel.Reason.cancelled); // the final heard other words than the pause did: ask again
    } else if (turn != null && !turn.cancelled()) {
      return; // a backchannel or echo over the answer
    }
    startTurn(null, text, inputTime(transcript.endMs()));
    current.utterance = transcript.utterance();
    bus.publish(stage.address(Addresses.TURN_COMMIT), new TurnCommit(current.id, transcript.utterance(), text, false));
  }

  /**
   * A pause inside an utterance starts a speculative turn on the words so far; speech going on
   * abandons it (the request is cancelled, and the words join the same utterance).
   */
  private void onPause(SpeechPause pause) {
    ActiveTurn turn = current;
    boolean speculating = turn != null && turn.speculative && !turn.cancelled();
    if (!pause.paused()) {
      if (speculating && pause.utterance().equals(turn.utterance)) {
        cancel(TurnCancel.Reason.cancelled);
      }
      return;
    }
    String text = pause.text().strip();
    if (suspended != null && pause.utterance().equals(suspended.bargedInBy) && EndOfTurn.isBackchannel(text)) {
      // A backchannel's pause is also its end (the rules end it there): resume without
      // waiting for the final's decoding, and let that final start nothing.
      ActiveTurn stopped = suspended;
      suspended = null;
      ignoredUtterances.add(pause.utterance(), true);
      resume(stopped);
      return;
    }
    boolean busy = turn != null && !turn.cancelled();
    if (text.isEmpty() || busy || ignoredUtterances.contains(pause.utterance())) {
      return;
    }
    String id = beginTurn(nextTurnId(), true);
    current.speculative = true;
    current.utterance = pause.utterance();
    current.userText = text;
    bus.publish(stage.address(Addresses.TURN_SPECULATIVE), new TurnSpeculation(id, pause.utterance(), text));
    bus.publish(stage.address(Addresses.LLM_REQUEST), new LlmRequest(id, conversation.snapshotWith(text)));
  }

  /**
   * The speculative turn answers the user's turn: it may be heard now, and its words join the
   * history. The utterance's final, if it is still to come, is not a turn of its own.
   */
  private void commit(ActiveTurn turn, double userSpeechEndAt) {
    turn.speculative = false;
    committed = turn;
    ignoredUtterances.add(turn.utterance, true);
    conversation.addUser(turn.userText);
    turn.metrics.userSpeechEnded(userSpeechEndAt);
    bus.publish(stage.address(Addresses.TURN_COMMIT), new TurnCommit(turn.id, turn.utterance, turn.userText, true));
  }

  /** Speaks the rest of {@code stopped}, from the chunk being heard when it stopped, as a turn of its own. */
  private void resume(ActiveTurn stopped) {
    if (isActive() && !current.cancelled()) {
      return; // something else is being answered already
    }
    List<String> rest = stopped.unheardChunks();
    if (rest.isEmpty()) {
      return;
    }
    String id = beginTurn(nextTurnId(), true);
    ActiveTurn turn = current;
    turn.resumption = true;
    bus.publish(stage.address(Addresses.TURN_RESUME), new TurnResume(id, stopped.id, stopped.playedChunks, stopped.stoppedAtMs));
    rest.forEach(turn::send);
    turn.endText(MonotonicClock.millisPrecise());
  }

  private void onVad(VadEvent vad) {
    if (vad.speaking()) {
      speakingUtterance = vad.utterance();
      if (!isActive() || current.speculative) {
        return; // nothing is heard yet: a speculative turn is abandoned by the speech going on
      }
      if (options.halfDuplex() && current.audioStarted) {
        ignoredUtterances.add(vad.utterance(), true);
        return;
      }
      ActiveTurn turn = current;
      double onset = inputTime(vad.atMs());
      // The VAD reports speech a little after its onset: only the rest of the minimum is waited for.
      double heardMs = Double.isNaN(onset) ? 0 : MonotonicClock.millisPrecise() - onset;
      long waitMs = Math.max(1, Math.round(options.bargeInMinMs() - heardMs));
      turn.bargeInTimer = vertx.setTimer(waitMs, t -> {
        turn.bargeInTimer = -1;
        if (turn == current && !turn.cancelled() && vad.utterance().equals(speakingUtterance)) {
          bargeIn(turn, onset, vad.utterance());
        }
      });
    } else {
      speakingUtterance = null;
      ActiveTurn turn = current;
      if (turn != null && turn.speculative && !turn.cancelled() && vad.utterance().equals(turn.utterance)) {
        // The utterance ended with no speech since the pause: the words sent then are all of it,
        // so the answer need not wait for the final's decoding (100-600 ms on PocketSphinx).
        commit(turn, inputTime(vad.atMs()));
        return;
      }
      if (isActive() && current.bargeInTimer >= 0) {
        vertx.cancelTimer(current.bargeInTimer);
        current.bargeInTimer = -1;
        ignoredUtterances.add(vad.utterance(), true); // too short to interrupt: a backchannel
      }
    }
  }

  private void bargeIn(ActiveTurn turn, double onset, String utterance) {
    turn.metrics.bargeInOnset(Double.isNaN(onset) ? MonotonicClock.millisPrecise() : onset);
    if (turn.answer) {
      turn.bargedInBy = utterance;
      suspended = turn; // resumed if the interruption holds no request
    }
    cancel(TurnCancel.Reason.bargein);
  }

  private void onLlmEvent(LlmEvent event) {
    ActiveTurn turn = current;
    if (turn != null && event.turn().equals(turn.id) && !turn.cancelled() && !turn.textEnded) {
      turn.onLlmEvent(event, MonotonicClock.millisPrecise());
    }
  }

  private void onPlayback(PlaybackProgress progress) {
    ActiveTurn turn = current;
    if (turn == null || !progress.turn().equals(turn.id)) {
      return;
    }
    if (progress.chunkDone()) {
      turn.playedChunks = Math.max(turn.playedChunks, progress.chunkIndex() + 1);
    }
    PlaybackProgress.Stop stop = progress.stop();
    if (stop != null) {
      turn.stoppedAtMs = progress.playedMs();
      turn.metrics.underruns(stop.underruns());
      if (turn.cancelled()) {
        turn.metrics.audioStopped(MonotonicClock.millisPrecise());
        finish(turn.cancelReason);
      } else if ("error".equals(stop.reason())) {
        // The sink failed (a full disk, a lost device): nothing more of this turn can be heard,
        // so the model stops too and the turn ends now rather than wait for audio that never plays.
        if (turn.error == null) {
          turn.error = "the voice could not be played or written";
        }
        if (!turn.textEnded) {
          cancel(TurnCancel.Reason.error);
        }
        finish("error");
      } else if (turn.textEnded) {
        finish(turn.error != null ? "error" : stop.reason());
      }
    }
  }

  private void onCancel(TurnCancel cancel) {
    ActiveTurn turn = current;
    if (turn == null || !cancel.turn().equals(turn.id) || turn.cancelled()) {
      return;
    }
    markCancelled(turn, cancel.reason());
  }

  private void onPlaybackStarted(PlaybackStarted started) {
    ActiveTurn turn = current;
    if (turn != null && started.turn().equals(turn.id)) {
      turn.audioStarted = true;
      turn.metrics.firstAudio(started.tMs());
    }
  }

  /** Publishes the cancel of the current turn; every stage drops its work of that turn. */
  private void cancel(TurnCancel.Reason reason) {
    ActiveTurn turn = current;
    markCancelled(turn, reason);
    bus.publish(stage.address(Addresses.TURN_CANCEL), new TurnCancel(turn.id, reason));
  }

  private void markCancelled(ActiveTurn turn, TurnCancel.Reason reason) {
    stage.cancel(new TurnCancel(turn.id, reason));
    turn.cancelReason = reason.name();
    if (!turn.audioStarted) {
      vertx.runOnContext(v -> {
        if (current == turn) {
          finish(turn.cancelReason);
        }
      });
    } else {
      vertx.setTimer(STOP_CONFIRM_TIMEOUT_MS, t -> {
        if (current == turn) {
          finish(turn.cancelReason);
        }
      });
    }
  }

  private void finish(String outcome) {
    ActiveTurn turn = current;
    current = null;
    activeTurnId = null;
    if (turn.bargeInTimer >= 0) {
      vertx.cancelTimer(turn.bargeInTimer);
    }
    String said = outcome.equals("done") || outcome.equals("error") ? turn.fullText() : turn.heardText();
    if (turn.resumption) {
      conversation.continueAssistant(said);
    } else if (!turn.speculative) { // an abandoned speculative turn was never heard
      conversation.addAssistant(said);
    }
    if (turn.answer) { // every answer turn ends with its metrics, abandoned or resumed ones too (what was measured)
      bus.publish(stage.address(Addresses.METRICS), new TurnSummary(turn.id, turn.metrics.fields()));
    }
    bus.publish(stage.address(Addresses.TURN_DONE), new TurnDone(turn.id, outcome, turn.error));
  }

  private boolean isActive() {
    return current != null;
  }

  /** Wall of the input stream position {@code atMs}, in monotonic time; NaN before capture started. */
  private double inputTime(long atMs) {
    return Double.isNaN(captureStartAt) ? Double.NaN : captureStartAt + atMs;
  }

  private String nextTurnId() {
    turnCounter++;
    return (stage.scope().isEmpty() ? "" : stage.scope() + "-") + "turn-" + turnCounter;
  }
}
