package voice.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path tmp;

  @Test
  void theModelsFolderFollowsTheEnvironment() {
    assertThat(ModelStore.defaultDir(Map.of(), "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/voice-agent/models"));
    assertThat(ModelStore.defaultDir(Map.of("XDG_CACHE_HOME", "/c"), "/home/u"))
        .isEqualTo(Path.of("/c/voice-agent/models"));
    assertThat(ModelStore.defaultDir(Map.of("XDG_CACHE_HOME", "/c", "VOICE_AGENT_HOME", "/va"), "/home/u"))
        .isEqualTo(Path.of("/va/models"));
  }

  @Test
  void resolvesIdsAndPathsAndNamesThePullCommandForMissingModels() throws IOException {
    ModelStore store = new ModelStore(tmp.resolve("models"), Catalogue.bundled());
    assertThatThrownBy(() -> store.resolve("vosk-small-en-us", ModelEntry.KIND_STT_VOSK))
        .isInstanceOf(ModelNotInstalledException.class)
        .hasMessage("model vosk-small-en-us is not installed: run voice-agent models pull vosk-small-en-us");
    assertThatThrownBy(() -> store.resolve("vosk-small-en-us", ModelEntry.KIND_LLM_GGUF))
        .hasMessageStartingWith("vosk-small-en-us is a stt-vosk model, not llm-gguf");
    assertThatThrownBy(() -> store.resolve("no-such-model", null))
        .hasMessageStartingWith("unknown model no-such-model");
    assertThat(store.firstInstalled(ModelEntry.KIND_LLM_GGUF)).isEmpty();

    // placed by hand: a folder for Vosk, the file with its published name for GGUF
    Files.createDirectories(tmp.resolve("models/vosk-en-us-lgraph/am"));
    Path gguf = tmp.resolve("models/qwen2.5-1.5b-instruct/qwen2.5-1.5b-instruct-q4_k_m.gguf");
    Files.createDirectories(gguf.getParent());
    Files.write(gguf, new byte[] {1});
    assertThat(store.resolve("vosk-en-us-lgraph", ModelEntry.KIND_STT_VOSK))
        .isEqualTo(tmp.resolve("models/vosk-en-us-lgraph"));
    assertThat(store.resolve("qwen2.5-1.5b-instruct", ModelEntry.KIND_LLM_GGUF)).isEqualTo(gguf);
    assertThat(store.firstInstalled(ModelEntry.KIND_LLM_GGUF)).get()
        .isEqualTo(new InstalledModel("qwen2.5-1.5b-instruct", "llm-gguf", gguf));
    assertThat(store.resolve(gguf.toString(), ModelEntry.KIND_LLM_GGUF)).isEqualTo(gguf);
    assertThatThrownBy(() -> store.resolve(gguf.toString(), ModelEntry.KIND_STT_VOSK))
        .hasMessageContaining("a Vosk model is a folder");
    assertThatThrownBy(() -> store.resolve(tmp.resolve("x.gguf").toString(), ModelEntry.KIND_LLM_GGUF))
        .hasMessageStartingWith("no such model file or folder");
  }

  @Test
  void firstRunOffersOnlyTheKindsWithNothingInstalled() throws IOException {
    ModelStore store = new ModelStore(tmp.resolve("models"), Catalogue.bundled());
    FirstRun firstRun = new FirstRun(store);
    assertThat(firstRun.missing()).extracting(ModelEntry::id)
        .containsExactly("qwen2.5-0.5b-instruct", "vosk-small-en-us");
    assertThat(FirstRun.describe(firstRun.missing()))
        .isEqualTo("qwen2.5-0.5b-instruct (491 MB) and vosk-small-en-us (41.2 MB), 533 MB in all");
    assertThat(FirstRun.pullCommands(firstRun.missing())).isEqualTo(
        "voice-agent models pull qwen2.5-0.5b-instruct && voice-agent models pull vosk-small-en-us");

    Files.createDirectories(tmp.resolve("models/vosk-small-en-in"));
    assertThat(firstRun.missing()).extracting(ModelEntry::id).containsExactly("qwen2.5-0.5b-instruct");
    assertThat(firstRun.missing(java.util.Set.of(ModelEntry.KIND_STT_VOSK))).isEmpty();
  }
}
