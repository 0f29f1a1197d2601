package voice.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import voice.agent.UserError;

/** {@code voice-agent transcribe}: not built yet. */
@Command(name = "transcribe", description = "Not built yet.")
public final class TranscribeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new UserError("'transcribe' is not built yet");
  }
}
