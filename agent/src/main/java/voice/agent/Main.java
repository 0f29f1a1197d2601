package voice.agent;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import voice.agent.cli.AskCommand;
import voice.agent.cli.BenchCommand;
import voice.agent.cli.ChatCommand;
import voice.agent.cli.ChunkCommand;
import voice.agent.cli.DevicesCommand;
import voice.agent.cli.ModelsCommand;
import voice.agent.cli.SayCommand;
import voice.agent.cli.ServeCommand;
import voice.agent.cli.TranscribeCommand;
import voice.agent.cli.WorkerCommand;
import voice.agent.pipeline.SharedVoice;

/** The {@code voice-agent} command line. */
@Command(
    name = "voice-agent",
    mixinStandardHelpOptions = true,
    version = "voice-agent 0.1.0",
    description = "A voice assistant that speaks while the model is still writing.")
public final class Main implements Runnable {
  private static final String NO_CLOSURES = "picocli.disable.closures";
  private static final List<Class<?>> COMMANDS = List.of(
      AskCommand.class, SayCommand.class, ChatCommand.class, ServeCommand.class,
      TranscribeCommand.class, ChunkCommand.class, ModelsCommand.class, BenchCommand.class,
      DevicesCommand.class, WorkerCommand.class);
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int exit = run(args);
    SharedVoice.settle();  // a command that failed while MaryTTS was still loading
    System.exit(exit);
  }

  /** Runs the command line and returns the exit code (tests call this in-process). */
  public static int run(String... args) {
    // picocli looks for Groovy closures in annotations when Groovy is on the class path (MaryTTS
    // brings it); starting Groovy's runtime for that costs a quarter of a second per command.
    if (System.getProperty(NO_CLOSURES) == null) {
      System.setProperty(NO_CLOSURES, "true");
    }
    CommandLine cli = new CommandLine(new Main());
    // picocli builds the model of every subcommand it is given (a tenth of a second for all of
    // them): a named command gets only its own; help and mistakes get them all.
    Class<?> named = args.length == 0 ? null : COMMANDS.stream()
        .filter(command -> command.getAnnotation(Command.class).name().equals(args[0]))
        .findFirst().orElse(null);
    for (Class<?> command : named == null ? COMMANDS : List.of(named)) {
      cli.addSubcommand(command);
    }
    cli.setParameterExceptionHandler((ex, argv) -> {
      System.err.println("voice-agent: " + ex.getMessage() + " (see voice-agent --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UserError userError) {
        System.err.println("voice-agent: " + userError.getMessage());
        return userError.exitCode();
      }
      System.err.println("voice-agent: unexpected error: " + ex);
      if (System.getenv("VOICE_AGENT_DEBUG") != null) {
        ex.printStackTrace();
      }
      return 70;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
