package voice.llm;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import voice.llm.anthropic.AnthropicProtocol;
import voice.llm.bedrock.BedrockClient;
import voice.llm.http.HttpLlmClient;
import voice.llm.http.WireProtocol;
import voice.llm.llamacpp.LlamaCppClient;
import voice.llm.ollama.OllamaProtocol;
import voice.llm.openai.OpenAiProtocol;
import voice.llm.tools.Toolbox;

/** Builds the client of the configured provider. */
public final class LlmClients {
  /** The providers {@link #create} knows, in the order of the {@code --llm} help. */
  public static final java.util.List<String> PROVIDERS = java.util.List.of("openai", "anthropic", "ollama", "bedrock", "llamacpp");

  private LlmClients() {}

  /**
   * @throws IllegalArgumentException for an unknown provider or a tool that is neither built in
   *     nor has a URL; the message is one line for the user
   */
  public static LlmClient create(Vertx vertx, LlmConfig config) {
    // Providers reached through an SDK or in process, not through a WireProtocol.
    switch (config.provider()) {
      case "llamacpp" -> { return new LlamaCppClient(vertx, config); }
      case "bedrock" -> { return BedrockClient.create(vertx, config); }
      default -> { }
    }
    WireProtocol protocol = switch (config.provider()) {
      case "openai" -> new OpenAiProtocol(config);
      case "anthropic" -> new AnthropicProtocol(config);
      case "ollama" -> new OllamaProtocol(config);
      default -> throw new IllegalArgumentException("unknown LLM provider '" + config.provider()
          + "'; choose one of " + String.join(", ", PROVIDERS));
    };
    HttpClient http = vertx.createHttpClient(
        new HttpClientOptions().setConnectTimeout(10_000).setKeepAlive(true).setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(16));
    Toolbox toolbox;
    try {
      toolbox = Toolbox.of(config.tools(), http);
    } catch (IllegalArgumentException e) {
      http.close();
      throw e;
    }
    return new HttpLlmClient(vertx, config, http, protocol, toolbox);
  }
}
