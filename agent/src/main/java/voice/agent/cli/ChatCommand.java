package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent chat}: not built yet. */
@Command(name = "chat", description = "Not built yet.")
public final class ChatCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'chat' is not built yet");
  }
}
