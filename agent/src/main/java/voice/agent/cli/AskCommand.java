package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent ask}: not built yet. */
@Command(name = "ask", description = "Not built yet.")
public final class AskCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'ask' is not built yet");
  }
}
