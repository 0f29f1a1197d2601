package voice.agent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import voice.agent.pipeline.SpeakingRun;
import voice.core.turn.TurnOptions;

/** {@code voice-agent say TEXT}: speaks text without a model, through the same outputs as ask. */
@Command(name = "say", mixinStandardHelpOptions = true, description = "Speak TEXT (no language model).")
public final class SayCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What to say.")
  List<String> text;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    try (SpeakingRun run = SpeakingRun.open(output.out, output.outputDevice, output.realtime, output.events)) {
      run.start(null, TurnOptions.defaults());
      String stopped = run.run(pipeline -> pipeline.say(String.join(" ", text)));
      return "done".equals(stopped) ? 0 : SpeakingRun.INTERRUPTED_EXIT;
    }
  }
}
