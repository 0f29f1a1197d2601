package voice.agent.cli;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.config.AgentConfig;
import voice.agent.config.LlmSettings;
import voice.agent.config.OfflineModels;
import voice.agent.demo.DemoProvider;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.models.ModelEntry;

/** The model options shared by ask, chat, serve and bench; they override the config file. */
public final class LlmOptions {
  private static final String DEMO = "demo";

  @Option(names = "--llm", paramLabel = "PROVIDER",
      description = "auto (default), openai, anthropic, bedrock, ollama, llamacpp, or demo (a built-in local model that streams a scripted answer, to try the voice with nothing installed).")
  String provider;

  @Option(names = "--llm-base-url", paramLabel = "URL",
      description = "Provider base URL (OpenAI-compatible: ends in /v1; Anthropic and Ollama: without /v1; Bedrock: endpoint override).")
  String baseUrl;

  @Option(names = "--llm-model", paramLabel = "MODEL", description = "Model name, or for llamacpp a catalogue id or a .gguf file.")
  String model;

  @Option(names = "--system-prompt", paramLabel = "TEXT", description = "System prompt sent with every request.")
  String systemPrompt;

  @Option(names = "--max-tokens", paramLabel = "N", description = "Longest answer in tokens.")
  Integer maxTokens;

  @Option(names = "--first-token-timeout", paramLabel = "MS", description = "Give up when no token arrived after this long (default 30000).")
  Long firstTokenTimeoutMs;

  @Option(names = "--stall-timeout", paramLabel = "MS", description = "Give up when the stream stalls this long between tokens (default 15000).")
  Long stallTimeoutMs;

  @Option(names = "--max-retries", paramLabel = "N", description = "Retries on connect errors, 429 and 5xx before any text (default 2).")
  Integer maxRetries;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path configFile;

  @Option(names = "--yes", description = "On a first run with nothing configured, download the offline models without asking.")
  boolean yes;

  @Option(names = "--no-download", description = "Never download models; say what to run instead.")
  boolean noDownload;

  /** The provider configuration: these options over the config file over the environment. */
  public LlmConfig toConfig(AgentConfig config, Set<String> offlineKinds) {
    checkProvider(config);
    if (DEMO.equals(provider)) {
      return LlmConfig.builder(DEMO, DEMO).build();
    }
    return LlmSettings.resolve(new LlmSettings.Choice(provider, baseUrl, model, maxTokens,
        firstTokenTimeoutMs, stallTimeoutMs, maxRetries), config, System.getenv(), OfflineModels.standard(),
        new LlmSettings.FirstRunPolicy(offlineKinds, yes, noDownload));
  }

  /** Refuses an unknown provider name (a bad option, exit 2) before anything starts. */
  public void checkProvider(AgentConfig config) {
    String chosen = provider != null ? provider : config.llm().provider();
    if (chosen != null && !chosen.equals("auto") && !chosen.equals(DEMO) && !LlmClients.PROVIDERS.contains(chosen)) {
      String where = provider != null ? "--llm" : "llm.provider in the config file";
      throw new UserError("unknown " + where + " '" + chosen + "': choose one of auto, "
          + String.join(", ", LlmClients.PROVIDERS) + ", " + DEMO, 2);
    }
  }

  /** For commands that only need a language model (ask, serve, bench). */
  public LlmConfig toConfig(AgentConfig config) {
    return toConfig(config, Set.of(ModelEntry.KIND_LLM_GGUF));
  }

  public LlmClient createClient(Vertx vertx, LlmConfig config) {
    if (DEMO.equals(config.provider())) {
      config = DemoProvider.start(vertx);
    }
    try {
      return LlmClients.create(vertx, config);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** Turn-taking options; the system prompt from here or the config file. */
  public TurnOptions turnOptions(AgentConfig config) {
    TurnOptions options = TurnOptions.defaults();
    String prompt = systemPrompt != null ? systemPrompt : config.llm().systemPrompt();
    if (prompt != null) {
      options = options.withSystemPrompt(prompt);
    }
    AgentConfig.Voice voice = config.voice();
    if (voice.bargeinMinMs() != null || voice.halfDuplex() != null) {
      options = options.withBargeIn(
          voice.bargeinMinMs() != null ? voice.bargeinMinMs() : options.bargeInMinMs(),
          voice.halfDuplex() != null ? voice.halfDuplex() : options.halfDuplex());
    }
    return options;
  }
}
