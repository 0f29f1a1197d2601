package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent devices}: not built yet. */
@Command(name = "devices", description = "Not built yet.")
public final class DevicesCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'devices' is not built yet");
  }
}
