package voice.agent.cli.models;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import voice.agent.UserError;
import voice.models.ModelPuller;
import voice.models.ModelStore;
import voice.models.ProgressListener;

/** {@code voice-agent models pull ID}: download, verify and install. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Download a model (resumable), check its SHA-256 and install it.")
public final class PullModelCommand extends ModelsSubcommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "Model ids (see 'models list').")
  List<String> ids;

  @Option(names = "--from", paramLabel = "FILE",
      description = "Install from a file downloaded by hand instead of the network.")
  Path from;

  @Override
  int run(ModelStore store) {
    if (from != null && ids.size() != 1) {
      throw new UserError("--from installs one model: name exactly one ID", 2);
    }
    ModelPuller puller = new ModelPuller(store);
    ProgressListener progress = ProgressListener.forConsole();
    for (String id : ids) {
      if (store.isInstalled(id)) {
        System.out.println(id + " is already installed at " + store.installedPath(id).orElseThrow());
        continue;
      }
      if (from != null) {
        puller.installFrom(id, from, progress);
      } else {
        puller.pull(id, progress);
      }
    }
    return 0;
  }
}
