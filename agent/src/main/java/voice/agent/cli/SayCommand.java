package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent say}: not built yet. */
@Command(name = "say", description = "Not built yet.")
public final class SayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'say' is not built yet");
  }
}
