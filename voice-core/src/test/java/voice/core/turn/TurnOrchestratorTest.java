package voice.core.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.llm.LlmEvent;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.TextChunk;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;
import voice.core.message.UserTurn;
import voice.core.message.VadEvent;

/** The orchestrator as a stage: messages in, messages out. */
class TurnOrchestratorTest extends OrchestratorStage {
  @Test
  void answerIsChunkedAsItStreamsAndTheTurnEndsWhenPlayed() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Capital of France?"));
    LlmRequest request = take(requests);
    assertThat(request.messages()).containsExactly(ChatMessage.system("Be brief."), ChatMessage.user("Capital of France?"));

    publish(Addresses.LLM_EVENT, new LlmEvent.RequestSent("t1", "openai", "m", "http://x/v1/chat/completions"));
    publish(Addresses.LLM_EVENT, text("t1", "It is Paris. It has"));
    TextChunk first = take(chunks);
    assertThat(first).isEqualTo(new TextChunk("t1", 0, "It is Paris.", false));

    publish(Addresses.LLM_EVENT, text("t1", " two million people."));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop("t1", true));
    assertThat(take(chunks)).as("the unfinished sentence waited for its end")
        .isEqualTo(new TextChunk("t1", 1, "It has two million people.", false));
    assertThat(take(chunks)).isEqualTo(new TextChunk("t1", 2, "", true));

    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 0, 900));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 1, 2100));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 2, 2100, stop("done", 2)));
    assertThat(take(done)).isEqualTo(new TurnDone("t1", "done", null));
    AgentEvent metrics = takeEvent("metrics");
    assertThat(metrics.fields()).containsKeys("ttft_ms", "ttlt_ms", "ttfa_ms", "tbt_ms_p50", "underruns");
    assertThat(metrics.fields().get("underruns")).as("from the typed stop").isEqualTo(2);
    assertThat(orchestrator.conversation().messages())
        .containsExactly(ChatMessage.user("Capital of France?"), ChatMessage.assistant("It is Paris. It has two million people."));
  }

  @Test
  void longSpeechOverTheAnswerIsABargeInAndHistoryKeepsOnlyWhatWasHeard() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Tell me a story."));
    take(requests);
    publish(Addresses.LLM_EVENT, text("t1", "Once upon a time. There was a fox. It ran"));
    take(chunks);
    take(chunks);
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 0, 800));

    publish(Addresses.VAD, new VadEvent("u1", true, 5000));
    assertThat(take(cancels)).isEqualTo(new TurnCancel("t1", TurnCancel.Reason.bargein));
    assertThat(takeEvent("turn.bargein").turn()).isEqualTo("t1");
    publish(Addresses.LLM_EVENT, text("t1", " away."));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 1, 1000, stop("bargein", 0)));
    assertThat(take(done).outcome()).isEqualTo("bargein");
    assertThat(orchestrator.conversation().messages())
        .containsExactly(ChatMessage.user("Tell me a story."), ChatMessage.assistant("Once upon a time."));

    publish(Addresses.VAD, new VadEvent("u1", false, 6000));
    publish(Addresses.STT_FINAL, new Transcript("u1", "stop please", true, 5000, 6000, List.of()));
    LlmRequest next = take(requests);
    assertThat(next.messages()).last().isEqualTo(ChatMessage.user("stop please"));
    assertThat(next.turn()).isNotEqualTo("t1");
  }

  @Test
  void theInterruptionBecomesTheNextTurnEvenBeforeTheStopIsConfirmed() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Tell me a story."));
    take(requests);
    publish(Addresses.LLM_EVENT, text("t1", "Once upon a time. There"));
    take(chunks);
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.VAD, new VadEvent("u1", true, 5000));
    assertThat(take(cancels).reason()).isEqualTo(TurnCancel.Reason.bargein);
    publish(Addresses.VAD, new VadEvent("u1", false, 5400));
    publish(Addresses.STT_FINAL, new Transcript("u1", "wait", true, 5000, 5400, List.of()));
    assertThat(take(done).outcome()).isEqualTo("bargein");
    LlmRequest wait = take(requests);
    assertThat(wait.messages()).last().isEqualTo(ChatMessage.user("wait"));
    publish(Addresses.TURN_START, new UserTurn("t3", "never mind"));
    assertThat(take(cancels)).as("the next cancel is the replaced turn's, not a second one of t1")
        .isEqualTo(new TurnCancel(wait.turn(), TurnCancel.Reason.cancelled));
  }

  @Test
  void aShortNoiseDoesNotInterrupt() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Hi"));
    take(requests);
    publish(Addresses.LLM_EVENT, text("t1", "Hello there. How"));
    take(chunks);
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.VAD, new VadEvent("u1", true, 1000));
    publish(Addresses.VAD, new VadEvent("u1", false, 1060));
    publish(Addresses.STT_FINAL, new Transcript("u1", "mhm", true, 1000, 1060, List.of()));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop("t1", true));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 1, 1500, stop("done", 0)));
    assertThat(take(done).outcome()).as("the noise did not interrupt").isEqualTo("done");
    assertThat(cancels).isEmpty();
    publish(Addresses.TURN_START, new UserTurn("t2", "Bye"));
    assertThat(take(requests).turn()).as("a backchannel is not a new turn").isEqualTo("t2");
  }

  @Test
  void anErrorEndsTheTurnWithWhatWasWritten() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Hi"));
    take(requests);
    publish(Addresses.LLM_EVENT, text("t1", "Hello. Wor"));
    publish(Addresses.LLM_EVENT, new LlmEvent.LlmError("t1", "overloaded_error", "Overloaded"));
    assertThat(take(chunks).text()).isEqualTo("Hello.");
    assertThat(take(chunks).text()).isEqualTo("Wor");
    assertThat(take(chunks).last()).isTrue();
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 2, 500, stop("done", 0)));
    TurnDone turnDone = take(done);
    assertThat(turnDone.outcome()).isEqualTo("error");
    assertThat(turnDone.error()).isEqualTo("Overloaded");
  }

  @Test
  void aFailingSinkEndsTheTurnAndStopsTheModel() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Hi"));
    take(requests);
    publish(Addresses.LLM_EVENT, text("t1", "Hello. Wor"));
    take(chunks);
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 0, 0, stop("error", 0)));
    assertThat(take(cancels)).isEqualTo(new TurnCancel("t1", TurnCancel.Reason.error));
    assertThat(take(done)).isEqualTo(new TurnDone("t1", "error", "the voice could not be played or written"));
  }

  @Test
  void anExternalCancelBeforeAudioEndsTheTurnAtOnce() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Hi"));
    take(requests);
    publish(Addresses.TURN_CANCEL, new TurnCancel("t1", TurnCancel.Reason.cancelled));
    assertThat(take(done).outcome()).isEqualTo("cancelled");
    publish(Addresses.LLM_EVENT, text("t1", "Late text. More"));
    publish(Addresses.TURN_START, new UserTurn("t2", "Again"));
    take(requests);
    publish(Addresses.LLM_EVENT, text("t2", "Next one. And"));
    assertThat(take(chunks)).as("nothing of the cancelled turn came before the next turn's text")
        .isEqualTo(new TextChunk("t2", 0, "Next one.", false));
  }

  @Test
  void textToSayIsSpokenAsATurnOfItsOwnWithoutAModel() throws Exception {
    publish(Addresses.SAY_TEXT, new TextChunk("s1", 0, "Hello there.", false));
    assertThat(take(chunks)).isEqualTo(new TextChunk("s1", 0, "Hello there.", false));
    assertThat(orchestrator.activeTurn()).isEqualTo("s1");
    publish(Addresses.SAY_TEXT, new TextChunk("s1", 1, "Bye.", false));
    publish(Addresses.SAY_TEXT, new TextChunk("s1", 2, "", true));
    assertThat(take(chunks)).isEqualTo(new TextChunk("s1", 1, "Bye.", false));
    assertThat(take(chunks)).isEqualTo(new TextChunk("s1", 2, "", true));
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("s1", 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("s1", 0, 700));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("s1", 1, 1000));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("s1", 2, 1000, stop("done", 0)));
    assertThat(take(done)).isEqualTo(new TurnDone("s1", "done", null));
    assertThat(orchestrator.activeTurn()).isNull();
    assertThat(requests).as("no model was asked").isEmpty();
    assertThat(orchestrator.conversation().messages()).as("a said text is not kept in the history").isEmpty();

    publish(Addresses.TURN_START, new UserTurn("t2", "Hi"));
    take(requests);
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop("t2", true));
    take(chunks);
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t2", 0, 0, stop("done", 0)));
    assertThat(takeEvent("metrics").turn()).as("the said text has no metrics event; the next answer has").isEqualTo("t2");
  }

  @Test
  void aCancelledSayTurnDropsItsLaterText() throws Exception {
    publish(Addresses.SAY_TEXT, new TextChunk("s1", 0, "One.", false));
    take(chunks);
    publish(Addresses.TURN_CANCEL, new TurnCancel(orchestrator.activeTurn(), TurnCancel.Reason.cancelled));
    assertThat(take(done)).isEqualTo(new TurnDone("s1", "cancelled", null));
    publish(Addresses.SAY_TEXT, new TextChunk("s1", 1, "Two.", false));
    publish(Addresses.SAY_TEXT, new TextChunk("s2", 0, "Three.", false));
    assertThat(take(chunks)).as("nothing more of the cancelled turn came before the next one")
        .isEqualTo(new TextChunk("s2", 0, "Three.", false));
  }

  private static PlaybackProgress.Stop stop(String reason, int underruns) {
    return new PlaybackProgress.Stop(reason, underruns, true, 2);
  }

  private static LlmEvent text(String turn, String text) {
    return new LlmEvent.BlockDelta(turn, 0, LlmEvent.BlockType.text, text);
  }
}
