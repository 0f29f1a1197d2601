package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeScriptsTest {
  @Test
  void aMissingClientFailsWithTheCommandThatInstallsIt(@TempDir Path empty) {
    assertThatThrownBy(() -> NodeScripts.requireInstalled(empty))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("npm ci");
  }

  @Test
  void theClientThatCiInstalledIsFound() {
    assertThatNoException().isThrownBy(() -> NodeScripts.requireInstalled(NodeScripts.DIR));
  }
}
