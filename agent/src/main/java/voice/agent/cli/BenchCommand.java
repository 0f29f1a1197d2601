package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent bench}: not built yet. */
@Command(name = "bench", description = "Not built yet.")
public final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'bench' is not built yet");
  }
}
