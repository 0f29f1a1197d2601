package voice.agent.cli.models;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import voice.agent.UserError;
import voice.models.ModelEntry;
import voice.models.ModelStore;

/** {@code voice-agent models path ID}: where the installed model is. */
@Command(name = "path", mixinStandardHelpOptions = true,
    description = "Print where an installed model is (its folder, or its file); exit 1 if it is"
        + " not installed.")
public final class ModelPathCommand extends ModelsSubcommand {
  @Parameters(paramLabel = "ID") String id;

  @Override
  int run(ModelStore store) {
    Optional<Path> installed = store.installedPath(id);
    if (installed.isPresent()) {
      System.out.println(installed.get());
      return 0;
    }
    ModelEntry entry = store.catalogue().require(id);
    String where = entry.archive() == ModelEntry.Archive.ZIP
        ? "unpacked into " + store.targetPath(entry)
        : "at " + store.targetPath(entry);
    throw new UserError(id + " is not installed; it goes " + where
        + " (run voice-agent models pull " + id + ")");
  }
}
