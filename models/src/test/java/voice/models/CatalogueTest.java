package voice.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CatalogueTest {
  private static final String SHA = "a".repeat(64);

  private static Catalogue parse(String json) {
    return Catalogue.parse("test", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theBundledCatalogueHasTheIssueEntriesInPreferenceOrder() {
    Catalogue catalogue = Catalogue.bundled();

    assertThat(catalogue.entries()).extracting(ModelEntry::id).containsExactly(
        "vosk-small-en-us", "vosk-en-us-lgraph", "vosk-small-en-in", "qwen2.5-0.5b-instruct",
        "qwen2.5-1.5b-instruct", "smollm2-360m-instruct", "llama3.2-1b-instruct",
        "vosk-native-linux-aarch64");
    ModelEntry qwen = catalogue.require("qwen2.5-0.5b-instruct");
    assertThat(qwen.bytes()).isEqualTo(491400032L);
    assertThat(qwen.sha256()).isEqualTo("74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db");
    assertThat(qwen.archive()).isEqualTo(ModelEntry.Archive.NONE);
    assertThat(qwen.fileName()).isEqualTo("qwen2.5-0.5b-instruct-q4_k_m.gguf");
    assertThat(catalogue.require("vosk-small-en-us").archive()).isEqualTo(ModelEntry.Archive.ZIP);
    assertThat(catalogue.require("vosk-native-linux-aarch64").bytes()).isZero();
  }

  @Test
  void optionalKeysMayBeLeftOut() {
    Catalogue catalogue = parse("{\"models\":[{\"id\":\"m\",\"kind\":\"llm-gguf\","
        + "\"url\":\"http://x/m.gguf\",\"sha256\":\"" + SHA + "\",\"extra\":1}]}");

    ModelEntry m = catalogue.require("m");
    assertThat(m.archive()).isEqualTo(ModelEntry.Archive.NONE);
    assertThat(m.bytes()).isZero();
    assertThat(m.goodFor()).isEmpty();
  }

  @Test
  void badEntriesAreOneClearLine() {
    assertThatThrownBy(() -> parse("{}")).hasMessage("model catalogue test has no \"models\" array");
    assertThatThrownBy(() -> parse("{\"models\":[{\"id\":\"../up\",\"kind\":\"k\",\"url\":\"u\","
        + "\"sha256\":\"" + SHA + "\"}]}")).hasMessageContaining("\"id\" must be");
    assertThatThrownBy(() -> parse("{\"models\":[{\"id\":\"m\",\"kind\":\"k\",\"url\":\"u\","
        + "\"sha256\":\"abc\"}]}")).hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> parse("{\"models\":[{\"id\":\"m\",\"kind\":\"k\",\"url\":\"u\","
        + "\"sha256\":\"" + SHA + "\",\"archive\":\"tar\"}]}"))
        .hasMessageContaining("\"archive\" must be \"zip\" or \"none\"");
    assertThatThrownBy(() -> parse("{\"models\":[{\"id\":\"m\",\"url\":\"u\",\"sha256\":\"" + SHA
        + "\"}]}")).hasMessage("model catalogue test, entry m: \"kind\" is missing");
    assertThatThrownBy(() -> Catalogue.bundled().require("nope"))
        .hasMessageStartingWith("unknown model nope");
  }

  @Test
  void sizesReadLikeDownloadSizes() {
    assertThat(ByteSizes.format(999)).isEqualTo("999 B");
    assertThat(ByteSizes.format(41205931)).isEqualTo("41.2 MB");
    assertThat(ByteSizes.format(491400032)).isEqualTo("491 MB");
    assertThat(ByteSizes.format(1117320736)).isEqualTo("1.1 GB");
  }
}
