package voice.agent.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import voice.agent.UserError;
import voice.llm.LlmConfig;
import voice.llm.tools.ToolSpec;

/**
 * Decides which model answers: command-line options over the config file over the
 * environment. {@code auto} takes the first usable provider: an API key in the environment,
 * then an Ollama server on localhost.
 */
public final class LlmSettings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LlmSettings() {}

  /** What the user chose; null fields were not given. */
  public record Choice(String provider, String baseUrl, String model, Integer maxTokens,
      Long firstTokenTimeoutMs, Long stallTimeoutMs, Integer maxRetries) {}

  public static LlmConfig resolve(Choice cli, AgentConfig config, Map<String, String> env) {
    AgentConfig.Llm file = config.llm();
    String provider = first(cli.provider(), file.provider(), "auto");
    String baseUrl = first(cli.baseUrl(), file.baseUrl(), null);
    if (provider.equals("auto")) {
      provider = autoProvider(baseUrl, env);
    }
    String model = first(cli.model(), file.model(), defaultModel(provider));
    LlmConfig.Builder builder = LlmConfig.builder(provider, model)
        .baseUrl(baseUrl)
        .apiKey(apiKey(provider, env))
        .tools(tools(file.tools()));
    Integer maxTokens = first(cli.maxTokens(), file.maxTokens(), null);
    if (maxTokens != null) {
      builder.maxTokens(maxTokens);
    }
    Long firstToken = first(cli.firstTokenTimeoutMs(), file.firstTokenTimeoutMs(), null);
    if (firstToken != null) {
      builder.firstTokenTimeout(Duration.ofMillis(firstToken));
    }
    Long stall = first(cli.stallTimeoutMs(), file.stallTimeoutMs(), null);
    if (stall != null) {
      builder.stallTimeout(Duration.ofMillis(stall));
    }
    Integer retries = first(cli.maxRetries(), file.maxRetries(), null);
    if (retries != null) {
      builder.maxRetries(retries);
    }
    if (file.maxToolRounds() != null) {
      builder.maxToolRounds(file.maxToolRounds());
    }
    if (file.temperature() != null) {
      builder.temperature(file.temperature());
    }
    return builder.build();
  }

  private static String autoProvider(String baseUrl, Map<String, String> env) {
    if (baseUrl != null) {
      return "openai"; // a base URL without a provider: the OpenAI-compatible API most local servers speak
    }
    if (present(env.get("ANTHROPIC_API_KEY"))) {
      return "anthropic";
    }
    if (present(env.get("OPENAI_API_KEY"))) {
      return "openai";
    }
    if (ollamaListening()) {
      return "ollama";
    }
    throw new UserError("no language model is configured: set ANTHROPIC_API_KEY or OPENAI_API_KEY, "
        + "start Ollama on localhost:11434, or pass --llm PROVIDER --llm-base-url URL");
  }

  private static boolean ollamaListening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 11434), 200);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  static String defaultModel(String provider) {
    return switch (provider) {
      case "anthropic" -> "claude-sonnet-4-5";
      case "openai" -> "gpt-4o-mini";
      case "ollama" -> "llama3.2";
      case "bedrock" -> "anthropic.claude-3-5-haiku-20241022-v1:0";
      default -> "default";
    };
  }

  private static String apiKey(String provider, Map<String, String> env) {
    return switch (provider) {
      case "anthropic" -> env.get("ANTHROPIC_API_KEY");
      case "openai" -> env.get("OPENAI_API_KEY");
      default -> null;
    };
  }

  @SuppressWarnings("unchecked")
  private static List<ToolSpec> tools(List<AgentConfig.Tool> declared) {
    List<ToolSpec> tools = new ArrayList<>();
    if (declared == null) {
      return tools;
    }
    for (AgentConfig.Tool tool : declared) {
      if (tool.name() == null || tool.name().isBlank()) {
        throw new UserError("config: every tool needs a name");
      }
      Map<String, Object> schema = tool.schema() == null ? null : JSON.convertValue(tool.schema(), Map.class);
      tools.add(new ToolSpec(tool.name(), tool.description(), schema, tool.url()));
    }
    return tools;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
