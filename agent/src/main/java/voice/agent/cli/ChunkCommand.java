package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent chunk}: not built yet. */
@Command(name = "chunk", description = "Not built yet.")
public final class ChunkCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'chunk' is not built yet");
  }
}
