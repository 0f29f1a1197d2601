package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent serve}: not built yet. */
@Command(name = "serve", description = "Not built yet.")
public final class ServeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'serve' is not built yet");
  }
}
