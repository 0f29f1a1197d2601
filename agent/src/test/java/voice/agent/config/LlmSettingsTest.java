package voice.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.UserError;
import voice.llm.LlmConfig;
import voice.models.Catalogue;
import voice.models.ModelEntry;
import voice.models.ModelStore;

/** Which model answers: options over the config file over the environment, then installed models, then the first-run offer. */
class LlmSettingsTest {
  @TempDir Path modelsDir;

  private static final LlmSettings.Choice NOTHING = new LlmSettings.Choice(null, null, null, null, null, null, null);
  private static final LlmSettings.FirstRunPolicy REFUSE = new LlmSettings.FirstRunPolicy(Set.of(ModelEntry.KIND_LLM_GGUF), false, true);

  @Test
  void nothingConfiguredRefusesWithThePullCommand() {
    assertThatThrownBy(() -> resolve(NOTHING, Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("set ANTHROPIC_API_KEY or OPENAI_API_KEY")
        .hasMessageContaining("voice-agent models pull qwen2.5-0.5b-instruct")
        .hasMessageEndingWith("to try the voice with nothing installed, use --llm demo")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anInstalledModelIsUsedFirst() throws Exception {
    Path gguf = modelsDir.resolve("qwen2.5-0.5b-instruct").resolve("qwen2.5-0.5b-instruct-q4_k_m.gguf");
    Files.createDirectories(gguf.getParent());
    Files.write(gguf, new byte[] {'G', 'G', 'U', 'F'});
    LlmConfig config = resolve(NOTHING, Map.of("OPENAI_API_KEY", "sk-test"));
    assertThat(config.provider()).isEqualTo("llamacpp");
    assertThat(config.model()).isEqualTo(gguf.toString());
  }

  @Test
  void keysPickTheirProviderAndNeverLeak() {
    LlmConfig anthropic = resolve(NOTHING, Map.of("ANTHROPIC_API_KEY", "sk-ant-secret", "OPENAI_API_KEY", "sk-x"));
    assertThat(anthropic.provider()).isEqualTo("anthropic");
    assertThat(anthropic.apiKey()).isEqualTo("sk-ant-secret");
    assertThat(anthropic.toString()).doesNotContain("sk-ant-secret");
    assertThat(resolve(NOTHING, Map.of("OPENAI_API_KEY", "sk-x")).provider()).isEqualTo("openai");
    assertThat(resolve(NOTHING, Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_REGION", "us-east-1")).provider()).isEqualTo("bedrock");
  }

  @Test
  void optionsOverrideTheConfigFile() throws Exception {
    Path yaml = modelsDir.resolve("config.yaml");
    Files.writeString(yaml, "llm:\n  provider: ollama\n  model: llama3.2\n  max_retries: 5\n  stall_timeout_ms: 1234\n");
    AgentConfig file = AgentConfig.load(yaml);
    LlmConfig fromFile = LlmSettings.resolve(NOTHING, file, Map.of(), models(), REFUSE);
    assertThat(fromFile.provider()).isEqualTo("ollama");
    assertThat(fromFile.maxRetries()).isEqualTo(5);
    assertThat(fromFile.stallTimeout().toMillis()).isEqualTo(1234);
    LlmConfig overridden = LlmSettings.resolve(
        new LlmSettings.Choice("openai", "http://127.0.0.1:1/v1", "m", null, null, null, 0), file, Map.of(), models(), REFUSE);
    assertThat(overridden.provider()).isEqualTo("openai");
    assertThat(overridden.model()).isEqualTo("m");
    assertThat(overridden.maxRetries()).isZero();
  }

  @Test
  void aNamedModelThatIsNotInstalledSaysWhatToPull() {
    assertThatThrownBy(() -> resolve(new LlmSettings.Choice("llamacpp", null, "smollm2-360m-instruct", null, null, null, null), Map.of()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("voice-agent models pull smollm2-360m-instruct");
  }

  @Test
  void aBrokenConfigFileIsOneLine() throws Exception {
    Path yaml = modelsDir.resolve("bad.yaml");
    Files.writeString(yaml, "llm: [unclosed\n");
    assertThatThrownBy(() -> AgentConfig.load(yaml)).isInstanceOf(UserError.class)
        .hasMessage("llm at line 1 of " + yaml + " must be a section of 'key: value' lines")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private LlmConfig resolve(LlmSettings.Choice choice, Map<String, String> env) {
    return LlmSettings.resolve(choice, AgentConfig.empty(), env, models(), REFUSE);
  }

  private OfflineModels models() {
    return new OfflineModels(new ModelStore(modelsDir, Catalogue.bundled()));
  }
}
