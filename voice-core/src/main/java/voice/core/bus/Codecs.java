package voice.core.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import voice.core.event.AgentEvent;
import voice.core.llm.LlmEvent;
import voice.core.message.AudioChunk;
import voice.core.message.AudioFrame;
import voice.core.message.CaptureStarted;
import voice.core.message.InputEnded;
import voice.core.message.LlmRequest;
import voice.core.message.PlaybackAudio;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.SpeechPause;
import voice.core.message.SynthesisStarted;
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
import voice.core.message.WakeDetected;

/** Registers the default codec of every message record; call once per Vert.x instance. */
public final class Codecs {
  private static final List<Class<?>> RECORDS = List.of(
      AudioFrame.class, AudioChunk.class, Transcript.class, VadEvent.class, UserTurn.class,
      LlmRequest.class, TextChunk.class, TurnCancel.class, PlaybackProgress.class,
      TurnDone.class, AgentEvent.class, CaptureStarted.class, PlaybackStarted.class,
      InputEnded.class, SynthesisStarted.class, TurnSummary.class, WakeDetected.class,
      SpeechPause.class, TurnSpeculation.class, TurnCommit.class, TurnResume.class, PlaybackAudio.class);

  private Codecs() {}

  public static void register(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    for (Class<?> type : RECORDS) {
      registerOne(bus, type, type);
    }
    // Subtypes decode through the sealed interface, whose JSON names the concrete kind.
    for (Class<?> subtype : LlmEvent.class.getPermittedSubclasses()) {
      registerOne(bus, subtype, LlmEvent.class);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void registerOne(EventBus bus, Class<?> type, Class<?> decodeAs) {
    try {
      bus.registerDefaultCodec((Class) type, new JsonRecordCodec(decodeAs, "voice." + type.getName()));
    } catch (IllegalStateException alreadyRegistered) {
      // A second pipeline in the same Vert.x: the codecs are already there.
    }
  }
}
