package voice.agent.cli.models;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import voice.agent.UserError;
import voice.agent.cli.ModelsCommand;
import voice.models.ModelException;
import voice.models.ModelStore;

/** Shared plumbing: builds the store and turns model errors into one-line user errors. */
abstract class ModelsSubcommand implements Callable<Integer> {
  @ParentCommand ModelsCommand parent;

  @Mixin ModelsOptions options = new ModelsOptions();

  abstract int run(ModelStore store);

  @Override
  public final Integer call() {
    try {
      return run(options.store(parent == null ? null : parent.options));
    } catch (ModelException e) {
      throw new UserError(e.getMessage());
    }
  }
}
