package voice.agent.cli.models;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import voice.models.Catalogue;
import voice.models.ModelStore;

/** Where the catalogue and the models are; accepted before or after the subcommand. */
public final class ModelsOptions {
  @Option(names = "--registry", paramLabel = "FILE|URL",
      description = "Model catalogue to use instead of the bundled one (a file or an http(s) URL).")
  String registry;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "Models folder (default: $VOICE_AGENT_HOME/models, else"
          + " $XDG_CACHE_HOME/voice-agent/models, else ~/.cache/voice-agent/models).")
  Path modelsDir;

  /** This command's options, falling back to those given to {@code models} itself. */
  ModelStore store(ModelsOptions parent) {
    String reg = registry != null ? registry : parent == null ? null : parent.registry;
    Path dir = modelsDir != null ? modelsDir : parent == null ? null : parent.modelsDir;
    Catalogue catalogue = reg == null ? Catalogue.bundled() : Catalogue.load(reg);
    return new ModelStore(dir == null ? ModelStore.defaultDir() : dir, catalogue);
  }
}
