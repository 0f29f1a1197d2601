package voice.core.bus;

/**
 * Every event-bus address of the pipeline, named {@code voice.<module>.<what>}.
 *
 * <p>One JVM may host several conversations (the server runs one per WebSocket). Each
 * conversation then uses its own scope: {@link #scoped(String, String)} appends the scope, so
 * two conversations never see each other's messages. The empty scope is the plain address.
 */
public final class Addresses {
  /** {@link voice.core.message.AudioFrame}: 16 kHz mono 16-bit PCM entering the pipeline. */
  public static final String AUDIO_IN = "voice.audio.in";
  /** {@link voice.core.message.Transcript} with {@code isFinal == false}. */
  public static final String STT_PARTIAL = "voice.stt.partial";
  /** {@link voice.core.message.Transcript} with {@code isFinal == true}: an utterance ended. */
  public static final String STT_FINAL = "voice.stt.final";
  /** {@link voice.core.message.VadEvent}: speech started or ended in the input. */
  public static final String VAD = "voice.stt.vad";
  /** {@link voice.core.message.WakeDetected}: the wake word was heard. */
  public static final String WAKE_DETECTED = "voice.stt.wake";
  /**
   * {@link voice.core.message.SpeechPause}: the speaker paused inside an utterance long enough
   * for a speculative answer, or went on after such a pause.
   */
  public static final String STT_PAUSE = "voice.stt.pause";
  /** {@link voice.core.message.TurnSpeculation}: a request started before the user's turn was over. */
  public static final String TURN_SPECULATIVE = "voice.turn.speculative";
  /** {@link voice.core.message.TurnCommit}: the user's turn is over; its answer may be heard. */
  public static final String TURN_COMMIT = "voice.turn.commit";
  /** {@link voice.core.message.TurnResume}: an answer stopped for no request goes on. */
  public static final String TURN_RESUME = "voice.turn.resume";
  /** {@link voice.core.message.InputEnded}: recognition has taken in the whole input. */
  public static final String INPUT_ENDED = "voice.stt.input_end";
  /** {@link voice.core.message.UserTurn}: a user's text asks for an answer (ask, chat, server). */
  public static final String TURN_START = "voice.turn.start";
  /**
   * {@link voice.core.message.TextChunk}: text to speak without a model ({@code say}), already
   * chunked; the orchestrator speaks it as a turn of its own.
   */
  public static final String SAY_TEXT = "voice.turn.say";
  /** {@link voice.core.message.LlmRequest}: the orchestrator asks the model. */
  public static final String LLM_REQUEST = "voice.llm.request";
  /** {@link voice.core.llm.LlmEvent}: the normalized stream of the model's answer. */
  public static final String LLM_EVENT = "voice.llm.event";
  /** {@link voice.core.message.TextChunk}: speakable text for synthesis. */
  public static final String TTS_TEXT = "voice.tts.text";
  /** {@link voice.core.message.SynthesisStarted}: synthesis of a chunk began. */
  public static final String SYNTHESIS_STARTED = "voice.tts.started";
  /** {@link voice.core.message.AudioChunk}: synthesized PCM for the sink. */
  public static final String AUDIO_OUT = "voice.audio.out";
  /** {@link voice.core.message.TurnCancel}: every stage drops work of that turn. */
  public static final String TURN_CANCEL = "voice.turn.cancel";
  /** {@link voice.core.message.PlaybackProgress}: what the sink has actually played. */
  public static final String PLAYBACK_PROGRESS = "voice.playback.progress";
  /**
   * {@link voice.core.message.PlaybackAudio}: what the playback stage wrote to its device, and
   * when it sounds (the echo canceller's reference).
   */
  public static final String PLAYBACK_AUDIO = "voice.playback.audio";
  /** {@link voice.core.message.CaptureStarted}: the first input frame entered the pipeline. */
  public static final String CAPTURE_STARTED = "voice.audio.capture";
  /** {@link voice.core.message.PlaybackStarted}: the sink began playing a turn's audio. */
  public static final String PLAYBACK_STARTED = "voice.playback.started";
  /** {@link voice.core.message.TurnDone}: a turn finished (spoken, cancelled or failed). */
  public static final String TURN_DONE = "voice.turn.done";
  /**
   * {@link voice.core.event.AgentEvent}: the public JSON-lines event stream. Output only: no
   * stage reads it; {@link voice.core.event.EventProjector} writes what stages publish as
   * typed messages.
   */
  public static final String EVENTS = "voice.events";
  /** {@link voice.core.message.TurnSummary}: a turn's figures, when it ended. */
  public static final String METRICS = "voice.metrics";

  /**
   * Cluster (serve/worker {@code --cluster}): a {@link voice.core.message.TextChunk} to speak,
   * sent point to point to one member offering the {@code tts} role. Headers {@code call} and
   * {@code reply-to} say where the {@link voice.core.message.AudioChunk}s stream back.
   */
  public static final String CLUSTER_TTS = "voice.cluster.tts";
  /** Cluster: a {@link voice.core.message.LlmRequest} for one member offering {@code llm}; LlmEvents stream back. */
  public static final String CLUSTER_LLM = "voice.cluster.llm";
  /**
   * Cluster: opens an utterance's recognition on one member offering {@code stt} (body: an empty
   * {@link voice.core.message.AudioFrame}); partial and final {@link voice.core.message.Transcript}s stream back.
   */
  public static final String CLUSTER_STT = "voice.cluster.stt";
  /** Cluster: an utterance's {@link voice.core.message.AudioFrame}s for the member recognizing it, scoped by its node id; {@code last} ends it. */
  public static final String CLUSTER_STT_AUDIO = "voice.cluster.stt.audio";
  /** Cluster: a node's own stream address ({@link #scoped} with its node id), where its calls' messages arrive. */
  public static final String CLUSTER_STREAM = "voice.cluster.stream";
  /** Cluster: a {@link voice.core.message.TurnCancel} (turn = the call id) for a worker node, scoped by its node id. */
  public static final String CLUSTER_CANCEL = "voice.cluster.cancel";

  private Addresses() {}

  /** The address {@code base} inside one conversation's scope. */
  public static String scoped(String base, String scope) {
    return scope == null || scope.isEmpty() ? base : base + "." + scope;
  }
}
