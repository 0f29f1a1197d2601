package voice.agent.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import voice.agent.UserError;
import voice.llm.LlmConfig;
import voice.llm.tools.ToolSpec;
import voice.models.FirstRun;

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

  /** How a first run may fetch the offline models: {@code kinds} it needs, and whether it may ask or download. */
  public record FirstRunPolicy(Set<String> kinds, boolean yes, boolean noDownload) {}

  private static final String WHAT_TO_SET = "set ANTHROPIC_API_KEY or OPENAI_API_KEY, configure AWS credentials"
      + " for Bedrock, start Ollama on localhost:11434, or pass --llm PROVIDER --llm-base-url URL";

  public static LlmConfig resolve(Choice cli, AgentConfig config, Map<String, String> env) {
    return resolve(cli, config, env, OfflineModels.standard(), new FirstRunPolicy(Set.of(), false, true));
  }

  public static LlmConfig resolve(Choice cli, AgentConfig config, Map<String, String> env,
      OfflineModels models, FirstRunPolicy firstRun) {
    AgentConfig.Llm file = config.llm();
    String provider = first(cli.provider(), file.provider(), "auto");
    String baseUrl = first(cli.baseUrl(), file.baseUrl(), null);
    String model = first(cli.model(), file.model(), null);
    if (provider.equals("auto")) {
      provider = autoProvider(baseUrl, env, models);
      if (provider.equals(FIRST_RUN)) {
        provider = "llamacpp";
        model = models.firstRun(firstRun.kinds(), firstRun.yes(), firstRun.noDownload(), WHAT_TO_SET).toString();
      }
    }
    if (provider.equals("llamacpp")) {
      // A catalogue id or a path; none given: the first installed model, else the default's pull hint.
      model = (model != null ? models.resolveLlm(model)
          : models.installedLlm().orElseGet(() -> models.resolveLlm(FirstRun.DEFAULT_LLM))).toString();
    }
    model = first(model, defaultModel(provider));
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

  private static final String FIRST_RUN = "(first run)";

  /** The first usable provider, in the order the README gives. */
  private static String autoProvider(String baseUrl, Map<String, String> env, OfflineModels models) {
    if (baseUrl != null) {
      return "openai"; // a base URL without a provider: the OpenAI-compatible API most local servers speak
    }
    if (models.installedLlm().isPresent()) {
      return "llamacpp";
    }
    if (present(env.get("ANTHROPIC_API_KEY"))) {
      return "anthropic";
    }
    if (present(env.get("OPENAI_API_KEY"))) {
      return "openai";
    }
    if ((present(env.get("AWS_ACCESS_KEY_ID")) || present(env.get("AWS_PROFILE")))
        && (present(env.get("AWS_REGION")) || present(env.get("AWS_DEFAULT_REGION")))) {
      return "bedrock";
    }
    if (ollamaListening()) {
      return "ollama";
    }
    return FIRST_RUN;
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
