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
import voice.core.message.SpeechPause;
import voice.core.message.TextChunk;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;
import voice.core.message.UserTurn;
import voice.core.message.VadEvent;

/** Speculative turns, commits and resumes of the orchestrator: messages in, messages out. */
class TurnTakingTest extends OrchestratorStage {
  @Test
  void aPauseAsksAtOnceAndTheFinalCommitsTheSameRequest() throws Exception {
    publish(Addresses.VAD, new VadEvent("u1", true, 500));
    publish(Addresses.STT_PAUSE, new SpeechPause("u1", "what is the capital of france", 2100, true));
    LlmRequest speculative = take(requests);
    assertThat(speculative.messages()).containsExactly(ChatMessage.system("Be brief."),
        ChatMessage.user("what is the capital of france"));
    AgentEvent started = takeEvent("turn.speculative_start");
    assertThat(started.turn()).isEqualTo(speculative.turn());
    assertThat(started.fields()).containsEntry("utterance", "u1").containsEntry("text", "what is the capital of france");
    assertThat(orchestrator.conversation().messages()).as("not in the history before the commit").isEmpty();

    // The utterance ends with no speech since the pause: committed at once, before its final.
    publish(Addresses.VAD, new VadEvent("u1", false, 2100));
    AgentEvent commit = takeEvent("turn.commit");
    assertThat(commit.turn()).isEqualTo(speculative.turn());
    assertThat(commit.fields()).containsEntry("speculative", true);
    assertThat(orchestrator.conversation().messages()).containsExactly(ChatMessage.user("what is the capital of france"));
    publish(Addresses.STT_FINAL, new Transcript("u1", "what is the capital of paris", true, 500, 2100, List.of()));

    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta(speculative.turn(), 0, LlmEvent.BlockType.text, "Paris."));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop(speculative.turn(), true));
    assertThat(take(chunks)).isEqualTo(new TextChunk(speculative.turn(), 0, "Paris.", false));
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted(speculative.turn(), 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped(speculative.turn(), 1, 600, stop("done")));
    assertThat(take(done).outcome()).isEqualTo("done");
    assertThat(requests).as("one request for the whole turn").isEmpty();
    assertThat(orchestrator.conversation().messages()).as("the final's words, heard better, kept for what follows")
        .containsExactly(ChatMessage.user("what is the capital of paris"), ChatMessage.assistant("Paris."));
  }

  @Test
  void speechGoingOnAbandonsTheSpeculativeTurnUnheardAndItsWordsJoinTheTurn() throws Exception {
    publish(Addresses.VAD, new VadEvent("u1", true, 500));
    publish(Addresses.STT_PAUSE, new SpeechPause("u1", "set a timer for", 1500, true));
    LlmRequest speculative = take(requests);
    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta(speculative.turn(), 0, LlmEvent.BlockType.text, "For how long?"));
    publish(Addresses.STT_PAUSE, new SpeechPause("u1", "", 2300, false));
    assertThat(take(cancels)).isEqualTo(new TurnCancel(speculative.turn(), TurnCancel.Reason.cancelled));
    assertThat(take(done).outcome()).isEqualTo("cancelled");
    // Every turn ends with its metrics (a client such as the satellite counts turns by them).
    AgentEvent abandoned = takeEvent("metrics");
    assertThat(abandoned.turn()).isEqualTo(speculative.turn());
    assertThat(abandoned.fields()).doesNotContainKey("voice_to_voice_ms");

    publish(Addresses.VAD, new VadEvent("u1", false, 3400));
    publish(Addresses.STT_FINAL, new Transcript("u1", "set a timer for ten minutes", true, 500, 3400, List.of()));
    LlmRequest committed = take(requests);
    assertThat(committed.turn()).isNotEqualTo(speculative.turn());
    assertThat(committed.messages()).containsExactly(ChatMessage.system("Be brief."),
        ChatMessage.user("set a timer for ten minutes"));
    assertThat(takeEvent("turn.commit").fields()).containsEntry("speculative", false);
    assertThat(orchestrator.conversation().messages()).as("the abandoned answer was never heard")
        .containsExactly(ChatMessage.user("set a timer for ten minutes"));
  }

  @Test
  void withoutTheUtterancesEndTheFinalCommitsWhenItsWordsAreTheSame() throws Exception {
    publish(Addresses.STT_PAUSE, new SpeechPause("u1", "what time is it", 1500, true));
    LlmRequest speculative = take(requests);
    publish(Addresses.STT_FINAL, new Transcript("u1", "What time is it?", true, 500, 1500, List.of()));
    AgentEvent commit = takeEvent("turn.commit");
    assertThat(commit.turn()).isEqualTo(speculative.turn());
    assertThat(commit.fields()).containsEntry("speculative", true).containsEntry("text", "what time is it");
  }

  @Test
  void aFinalWithOtherWordsAsksAgain() throws Exception {
    publish(Addresses.STT_PAUSE, new SpeechPause("u1", "what time is it", 1500, true));
    LlmRequest speculative = take(requests);
    publish(Addresses.STT_FINAL, new Transcript("u1", "what time is it in tokyo", true, 500, 2400, List.of()));
    assertThat(take(cancels).turn()).isEqualTo(speculative.turn());
    assertThat(take(requests).messages()).last().isEqualTo(ChatMessage.user("what time is it in tokyo"));
  }

  @Test
  void aBackchannelThatStoppedTheVoiceResumesTheRestOfTheAnswer() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Tell me a story."));
    take(requests);
    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta("t1", 0, LlmEvent.BlockType.text,
        "Once upon a time. There was a fox. It ran away."));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop("t1", true));
    for (int i = 0; i < 4; i++) {
      take(chunks);
    }
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 0, 800));

    publish(Addresses.VAD, new VadEvent("u1", true, 5000));
    assertThat(take(cancels)).isEqualTo(new TurnCancel("t1", TurnCancel.Reason.bargein));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 1, 1300, stop("bargein")));
    assertThat(take(done).outcome()).isEqualTo("bargein");
    publish(Addresses.STT_PAUSE, new SpeechPause("u1", "mhm", 5400, true));
    publish(Addresses.VAD, new VadEvent("u1", false, 5400));
    publish(Addresses.STT_FINAL, new Transcript("u1", "mhm", true, 5000, 5400, List.of()));

    AgentEvent resume = takeEvent("turn.resume");
    assertThat(resume.fields()).containsEntry("resumes", "t1").containsEntry("chunk", 1).containsEntry("played_ms", 1300L);
    assertThat(take(chunks)).as("from the chunk being heard when the voice stopped")
        .isEqualTo(new TextChunk(resume.turn(), 0, "There was a fox.", false));
    assertThat(take(chunks)).isEqualTo(new TextChunk(resume.turn(), 1, "It ran away.", false));
    assertThat(take(chunks).last()).isTrue();
    assertThat(requests).as("the backchannel asked nothing").isEmpty();
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted(resume.turn(), 1));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped(resume.turn(), 2, 2000, stop("done")));
    assertThat(take(done)).isEqualTo(new TurnDone(resume.turn(), "done", null));
    assertThat(orchestrator.conversation().messages()).containsExactly(ChatMessage.user("Tell me a story."),
        ChatMessage.assistant("Once upon a time. There was a fox. It ran away."));
  }

  @Test
  void aNoiseWithNoWordsResumesTooAndARequestDoesNot() throws Exception {
    publish(Addresses.TURN_START, new UserTurn("t1", "Tell me a story."));
    take(requests);
    publish(Addresses.LLM_EVENT, new LlmEvent.BlockDelta("t1", 0, LlmEvent.BlockType.text, "One. Two. Three."));
    publish(Addresses.LLM_EVENT, new LlmEvent.MessageStop("t1", true));
    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1));
    publish(Addresses.VAD, new VadEvent("u1", true, 5000));
    take(cancels);
    publish(Addresses.STT_FINAL, new Transcript("u1", "", true, 5000, 5400, List.of()));
    String resumed = takeEvent("turn.resume").turn();

    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted(resumed, 1));
    publish(Addresses.VAD, new VadEvent("u2", true, 7000));
    assertThat(take(cancels)).isEqualTo(new TurnCancel(resumed, TurnCancel.Reason.bargein));
    publish(Addresses.STT_FINAL, new Transcript("u2", "tell me about berlin", true, 7000, 8000, List.of()));
    assertThat(take(requests).messages()).last().isEqualTo(ChatMessage.user("tell me about berlin"));
    assertThat(takeEvent("turn.commit").fields()).containsEntry("text", "tell me about berlin");
  }

  private static PlaybackProgress.Stop stop(String reason) {
    return new PlaybackProgress.Stop(reason, 0, true, 2);
  }
}
