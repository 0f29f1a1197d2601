package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import voice.agent.cli.models.ListModelsCommand;
import voice.agent.cli.models.ModelPathCommand;
import voice.agent.cli.models.ModelsOptions;
import voice.agent.cli.models.PullModelCommand;
import voice.agent.cli.models.RemoveModelCommand;
import voice.agent.cli.models.VerifyModelsCommand;

/** {@code voice-agent models}: the offline models (speech recognition, language models). */
@Command(
    name = "models",
    description = "List, pull, verify and remove the models that let the agent run offline.",
    subcommands = {
      ListModelsCommand.class, PullModelCommand.class, VerifyModelsCommand.class,
      ModelPathCommand.class, RemoveModelCommand.class
    })
public final class ModelsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  /** Options given before the subcommand ({@code models --models-dir D list}). */
  @Mixin public ModelsOptions options = new ModelsOptions();

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }
}
