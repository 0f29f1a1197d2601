package voice.agent.cli.models;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import voice.models.ModelPuller;
import voice.models.ModelStore;

/** {@code voice-agent models rm ID}: delete an installed model and any partial download. */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Remove an installed model and any partial download of it.")
public final class RemoveModelCommand extends ModelsSubcommand {
  @Parameters(paramLabel = "ID") String id;

  @Override
  int run(ModelStore store) {
    new ModelPuller(store).remove(id);
    System.out.println("removed " + id);
    return 0;
  }
}
