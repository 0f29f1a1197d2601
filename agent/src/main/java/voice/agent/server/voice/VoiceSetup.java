package voice.agent.server.voice;

import java.util.function.Function;
import java.util.function.Supplier;
import voice.agent.server.metrics.ServerMetrics;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.stt.Recognizer;
import voice.stt.SttOptions;
import voice.tts.SpeechEngine;

/**
 * What every voice session is built from.
 *
 * @param tts the shared synthesizer
 * @param llm the guarded model client for a session id
 * @param recognizers makes a recognizer for one session (blocking: it loads a model)
 * @param maxAudioFrameBytes largest binary frame accepted; larger ones get an error event
 * @param maxTextMessageBytes largest control message accepted
 */
public record VoiceSetup(
    SpeechEngine tts, Function<String, LlmClient> llm, Supplier<Recognizer> recognizers,
    TurnOptions turnOptions, SttOptions sttOptions, ServerMetrics metrics,
    int maxAudioFrameBytes, int maxTextMessageBytes) {}
