package voice.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import voice.llm.tools.ToolSpec;

/**
 * Everything a provider client needs. {@code apiKey} may be null (local servers); it is never
 * logged and {@link #toString()} masks it. {@code temperature} and {@code thinkingBudget} are
 * null when not set (provider default, no extended thinking). {@code maxRetries} counts retries
 * after the first attempt.
 */
public record LlmConfig(
    String provider,
    String baseUrl,
    String model,
    String apiKey,
    String systemPrompt,
    int maxTokens,
    Double temperature,
    Duration firstTokenTimeout,
    Duration stallTimeout,
    int maxRetries,
    Duration retryBaseDelay,
    int maxToolRounds,
    List<ToolSpec> tools,
    Integer thinkingBudget) {

  public LlmConfig {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    tools = tools == null ? List.of() : List.copyOf(tools);
    firstTokenTimeout = firstTokenTimeout == null ? Duration.ofSeconds(30) : firstTokenTimeout;
    stallTimeout = stallTimeout == null ? Duration.ofSeconds(30) : stallTimeout;
    retryBaseDelay = retryBaseDelay == null ? Duration.ofMillis(500) : retryBaseDelay;
  }

  public static Builder builder(String provider, String model) {
    return new Builder(provider, model);
  }

  /** A builder holding these values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(provider, model).baseUrl(baseUrl).apiKey(apiKey).systemPrompt(systemPrompt)
        .maxTokens(maxTokens).temperature(temperature).firstTokenTimeout(firstTokenTimeout)
        .stallTimeout(stallTimeout).maxRetries(maxRetries).retryBaseDelay(retryBaseDelay)
        .maxToolRounds(maxToolRounds).tools(tools).thinkingBudget(thinkingBudget);
  }

  /** The base URL without trailing slash, or the provider's public default. */
  public String baseUrlOrDefault() {
    String base = baseUrl != null && !baseUrl.isBlank() ? baseUrl : switch (provider) {
      case "openai" -> "https://api.openai.com/v1";
      case "anthropic" -> "https://api.anthropic.com";
      case "ollama" -> "http://localhost:11434";
      default -> "";
    };
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Override
  public String toString() {
    return "LlmConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model
        + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "(none)" : "****")
        + ", maxTokens=" + maxTokens + ", temperature=" + temperature
        + ", firstTokenTimeout=" + firstTokenTimeout + ", stallTimeout=" + stallTimeout
        + ", maxRetries=" + maxRetries + ", retryBaseDelay=" + retryBaseDelay
        + ", maxToolRounds=" + maxToolRounds + ", tools=" + tools.stream().map(ToolSpec::name).toList()
        + ", thinkingBudget=" + thinkingBudget + "]";
  }

  /** Defaults: 1024 max tokens, 30 s first-token and stall timeouts, 2 retries from 500 ms, 5 tool rounds. */
  public static final class Builder {
    private final String provider;
    private final String model;
    private String baseUrl;
    private String apiKey;
    private String systemPrompt;
    private int maxTokens = 1024;
    private Double temperature;
    private Duration firstTokenTimeout = Duration.ofSeconds(30);
    private Duration stallTimeout = Duration.ofSeconds(30);
    private int maxRetries = 2;
    private Duration retryBaseDelay = Duration.ofMillis(500);
    private int maxToolRounds = 5;
    private List<ToolSpec> tools = List.of();
    private Integer thinkingBudget;

    private Builder(String provider, String model) {
      this.provider = provider;
      this.model = model;
    }

    public Builder baseUrl(String v) { baseUrl = v; return this; }
    public Builder apiKey(String v) { apiKey = v; return this; }
    public Builder systemPrompt(String v) { systemPrompt = v; return this; }
    public Builder maxTokens(int v) { maxTokens = v; return this; }
    public Builder temperature(Double v) { temperature = v; return this; }
    public Builder firstTokenTimeout(Duration v) { firstTokenTimeout = v; return this; }
    public Builder stallTimeout(Duration v) { stallTimeout = v; return this; }
    public Builder maxRetries(int v) { maxRetries = v; return this; }
    public Builder retryBaseDelay(Duration v) { retryBaseDelay = v; return this; }
    public Builder maxToolRounds(int v) { maxToolRounds = v; return this; }
    public Builder tools(List<ToolSpec> v) { tools = v; return this; }
    public Builder thinkingBudget(Integer v) { thinkingBudget = v; return this; }

    public LlmConfig build() {
      return new LlmConfig(provider, baseUrl, model, apiKey, systemPrompt, maxTokens, temperature,
          firstTokenTimeout, stallTimeout, maxRetries, retryBaseDelay, maxToolRounds, tools, thinkingBudget);
    }
  }
}
