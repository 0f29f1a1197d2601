package voice.agent.server;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import voice.agent.config.AgentConfig;
import voice.agent.server.guard.GuardrailRules;
import voice.agent.server.transcript.TranscriptLog;
import voice.core.turn.TurnOptions;
import voice.stt.SttOptions;

/**
 * How {@code serve} runs.
 *
 * @param host interface to bind (127.0.0.1 unless the user says otherwise)
 * @param port 0 for any free port
 * @param apiKeys bearer tokens; empty for no auth
 * @param rateLimitPerMinute requests per minute per key; 0 for none
 * @param maxSessions concurrent voice sessions; 0 for no cap
 * @param transcript the transcript log file; null for none
 * @param model the model name the text proxy reports
 * @param maxBodyBytes largest request body
 * @param maxAudioFrameBytes largest binary WebSocket frame accepted into a session
 * @param maxTextMessageBytes largest control message accepted
 * @param maxWebSocketMessageBytes larger messages close the socket (1009), protecting the heap
 * @param limits timeouts, connection caps, per-key caps and the browser origins allowed
 */
public record ServerSettings(
    String host, int port, List<String> apiKeys, int rateLimitPerMinute, int maxSessions,
    GuardrailRules guardrails, Path transcript, long transcriptMaxBytes, TurnOptions turnOptions,
    SttOptions sttOptions, String model, int maxBodyBytes, int maxAudioFrameBytes,
    int maxTextMessageBytes, int maxWebSocketMessageBytes, ServerLimits limits) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_SESSIONS = 8;

  public ServerSettings {
    apiKeys = List.copyOf(apiKeys);
  }

  /** Loopback, port 8080, no auth, no limits but 8 sessions, no guardrails, no transcript. */
  public static ServerSettings defaults() {
    return new ServerSettings("127.0.0.1", DEFAULT_PORT, List.of(), 0, DEFAULT_MAX_SESSIONS,
        GuardrailRules.none(), null, TranscriptLog.DEFAULT_MAX_BYTES, TurnOptions.defaults(),
        SttOptions.DEFAULT, "voice-agent", 1 << 20, 64 * 1024, 16 * 1024, 1 << 20, ServerLimits.defaults());
  }

  /** The config file's {@code server} and {@code guardrails} sections, and {@code VOICE_AGENT_API_KEYS}. */
  public ServerSettings withConfig(AgentConfig config, Map<String, String> env) {
    List<String> keys = config.server().apiKeys() != null ? config.server().apiKeys() : List.of();
    String fromEnv = env.get("VOICE_AGENT_API_KEYS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      keys = Arrays.stream(fromEnv.split(",")).map(String::strip).filter(k -> !k.isEmpty()).toList();
    }
    AgentConfig.Server server = config.server();
    SttOptions stt = config.voice().endpointSilenceMs() != null
        ? sttOptions.withEndSilenceMs(config.voice().endpointSilenceMs()) : sttOptions;
    return new ServerSettings(host, port, keys,
        server.rateLimitPerMinute() != null ? server.rateLimitPerMinute() : rateLimitPerMinute,
        server.maxSessions() != null ? server.maxSessions() : maxSessions,
        GuardrailRules.from(config.guardrails()), transcript, transcriptMaxBytes, turnOptions, stt,
        model, maxBodyBytes, maxAudioFrameBytes, maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }

  public ServerSettings withAddress(String newHost, int newPort) {
    return new ServerSettings(newHost, newPort, apiKeys, rateLimitPerMinute, maxSessions, guardrails,
        transcript, transcriptMaxBytes, turnOptions, sttOptions, model, maxBodyBytes,
        maxAudioFrameBytes, maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }

  public ServerSettings withAccess(List<String> keys, int perMinute, int sessions) {
    return new ServerSettings(host, port, keys, perMinute, sessions, guardrails, transcript,
        transcriptMaxBytes, turnOptions, sttOptions, model, maxBodyBytes, maxAudioFrameBytes,
        maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }

  public ServerSettings withGuardrails(GuardrailRules rules) {
    return new ServerSettings(host, port, apiKeys, rateLimitPerMinute, maxSessions, rules, transcript,
        transcriptMaxBytes, turnOptions, sttOptions, model, maxBodyBytes, maxAudioFrameBytes,
        maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }

  public ServerSettings withTranscript(Path file, long maxBytes) {
    return new ServerSettings(host, port, apiKeys, rateLimitPerMinute, maxSessions, guardrails, file,
        maxBytes, turnOptions, sttOptions, model, maxBodyBytes, maxAudioFrameBytes,
        maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }

  public ServerSettings withConversation(TurnOptions turns, SttOptions stt, String modelName) {
    return new ServerSettings(host, port, apiKeys, rateLimitPerMinute, maxSessions, guardrails,
        transcript, transcriptMaxBytes, turns, stt, modelName, maxBodyBytes, maxAudioFrameBytes,
        maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }

  public ServerSettings withLimits(ServerLimits newLimits) {
    return new ServerSettings(host, port, apiKeys, rateLimitPerMinute, maxSessions, guardrails,
        transcript, transcriptMaxBytes, turnOptions, sttOptions, model, maxBodyBytes,
        maxAudioFrameBytes, maxTextMessageBytes, maxWebSocketMessageBytes, newLimits);
  }

  public ServerSettings withMaxBodyBytes(int bytes) {
    return new ServerSettings(host, port, apiKeys, rateLimitPerMinute, maxSessions, guardrails,
        transcript, transcriptMaxBytes, turnOptions, sttOptions, model, bytes,
        maxAudioFrameBytes, maxTextMessageBytes, maxWebSocketMessageBytes, limits);
  }
}
