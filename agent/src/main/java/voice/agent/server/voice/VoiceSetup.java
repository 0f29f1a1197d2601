package voice.agent.server.voice;

import java.util.function.BiFunction;
import voice.agent.server.access.RateLimiter;
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
 * @param llm the guarded, rate-limited model client for a session id and the caller's key label
 * @param recognizers makes a recognizer for one session (blocking: it loads a model)
 * @param maxAudioFrameBytes largest binary frame accepted; larger ones get an error event
 * @param maxTextMessageBytes largest control message accepted
 * @param maxWebSocketMessageBytes larger messages close the socket with 1009
 * @param badMessages bad messages per minute per key label
 */
public record VoiceSetup(
    SpeechEngine tts, BiFunction<String, String, LlmClient> llm, Supplier<Recognizer> recognizers,
    TurnOptions turnOptions, SttOptions sttOptions, ServerMetrics metrics,
    int maxAudioFrameBytes, int maxTextMessageBytes, int maxWebSocketMessageBytes, RateLimiter badMessages) {}
