package voice.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import voice.agent.UserError;
import voice.core.io.OsReason;

/**
 * The YAML configuration file ({@code --config FILE}, or {@code $XDG_CONFIG_HOME/voice-agent/config.yaml}
 * when it exists). Every section is optional; command-line options override it.
 *
 * <pre>
 * llm:
 *   provider: anthropic          # auto | openai | anthropic | bedrock | ollama | llamacpp
 *   base_url: https://api.anthropic.com
 *   model: claude-sonnet-4-5
 *   system_prompt: You are a concise voice assistant.
 *   max_tokens: 1024
 *   first_token_timeout_ms: 20000
 *   stall_timeout_ms: 15000
 *   max_retries: 3
 *   max_tool_rounds: 4
 *   tools:
 *     - name: weather
 *       description: Current weather for a city
 *       url: http://127.0.0.1:9000/weather
 *       schema: {type: object, properties: {city: {type: string}}, required: [city]}
 * voice:
 *   bargein_min_ms: 200
 *   half_duplex: false
 *   endpoint_silence_ms: 700
 *   end_of_turn: rules            # rules | silence
 *   speculative_ms: 200
 * server:
 *   api_keys: [secret-1]
 *   rate_limit_per_minute: 60
 *   max_sessions: 8
 * guardrails:
 *   blocked_terms: [password]
 *   redact: [email, phone]
 *   max_answer_chars: 4000
 * cluster:                       # serve/worker --cluster; options override these
 *   roles: [gateway, tts, llm]
 *   host: 10.0.0.1               # this node's address, as the other members reach it
 *   port: 5701                   # Hazelcast's port; the event bus listens on the next one
 *   members: [10.0.0.2:5701]
 *   join_timeout_s: 30
 * </pre>
 */
public record AgentConfig(Llm llm, Voice voice, Server server, Guardrails guardrails, Cluster cluster) {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public AgentConfig {
    llm = llm == null ? new Llm(null, null, null, null, null, null, null, null, null, null, null) : llm;
    voice = voice == null ? new Voice(null, null, null, null, null) : voice;
    server = server == null ? new Server(null, null, null) : server;
    guardrails = guardrails == null ? new Guardrails(null, null, null) : guardrails;
    cluster = cluster == null ? new Cluster(null, null, null, null, null) : cluster;
  }

    public record Llm(
      String provider, String baseUrl, String model, String systemPrompt, Integer maxTokens,
      Double temperature, Long firstTokenTimeoutMs, Long stallTimeoutMs, Integer maxRetries,
      Integer maxToolRounds, List<Tool> tools) {}

    public record Tool(String name, String description, String url, JsonNode schema) {}

    public record Voice(Long bargeinMinMs, Boolean halfDuplex, Long endpointSilenceMs, String endOfTurn,
        Long speculativeMs) {}

    public record Server(List<String> apiKeys, Integer rateLimitPerMinute, Integer maxSessions) {}

    public record Guardrails(List<String> blockedTerms, List<String> redact, Integer maxAnswerChars) {}

    public record Cluster(List<String> roles, String host, Integer port, List<String> members, Integer joinTimeoutS) {}

  public static AgentConfig empty() {
    return new AgentConfig(null, null, null, null, null);
  }

  /** Loads {@code explicit} when given (it must exist), else the default file when present. */
  public static AgentConfig load(Path explicit) {
    Path path = explicit != null ? explicit : defaultPath();
    if (path == null || (explicit == null && !Files.isRegularFile(path))) {
      return empty();
    }
    if (!Files.isRegularFile(path)) {
      throw new UserError("config file not found: " + path, 2);
    }
    try {
      AgentConfig config = YAML.readValue(path.toFile(), AgentConfig.class);
      return config == null ? empty() : config;
    } catch (JsonProcessingException e) {
      // A file the user wrote that cannot be used is a bad option, like a misspelled one.
      throw new UserError(ConfigProblem.describe(e, path, YAML), 2);
    } catch (IOException e) {
      throw new UserError("cannot read config " + path + ": " + OsReason.of(e), 2);
    }
  }

  static Path defaultPath() {
    Map<String, String> env = System.getenv();
    String base = env.getOrDefault("XDG_CONFIG_HOME", "");
    if (base.isBlank()) {
      String home = System.getProperty("user.home");
      if (home == null) {
        return null;
      }
      base = Path.of(home, ".config").toString();
    }
    return Path.of(base, "voice-agent", "config.yaml");
  }
}
