package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent models}: not built yet. */
@Command(name = "models", description = "Not built yet.")
public final class ModelsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'models' is not built yet");
  }
}
