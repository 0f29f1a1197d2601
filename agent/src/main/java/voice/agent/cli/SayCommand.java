package voice.agent.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import voice.agent.UserError;
import voice.agent.pipeline.SpeakingRun;
import voice.core.io.OsReason;
import voice.core.turn.TurnOptions;

/**
 * {@code voice-agent say [TEXT]}: speaks text without a model, through the same outputs as ask.
 * Without TEXT it speaks standard input, read as it is spoken, so a text of any length works.
 */
@Command(name = "say", mixinStandardHelpOptions = true,
    description = "Speak TEXT (no language model); without TEXT, speak what standard input holds (e.g. say --out notes.wav < notes.txt).")
public final class SayCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "TEXT", description = "What to say (default: standard input).")
  List<String> text;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    Reader words = text == null || text.isEmpty() ? standardInput() : given();
    try (SpeakingRun run = SpeakingRun.open(output.out, output.outputDevice, output.realtime, output.events)) {
      run.start(null, TurnOptions.defaults());
      String stopped = run.run(pipeline -> pipeline.say(words));
      if ("error".equals(stopped)) {
        throw new UserError("the voice could not be played or written (see the warning above)");
      }
      run.keepOutput();
      return "done".equals(stopped) ? 0 : SpeakingRun.INTERRUPTED_EXIT;
    }
  }

  private Reader given() {
    String joined = String.join(" ", text);
    if (joined.isBlank()) {
      throw new UserError("nothing to say: TEXT is empty", 2);
    }
    return new StringReader(joined);
  }

  /** Standard input, once it is known to hold something to say (checked before the voice starts). */
  private static Reader standardInput() {
    if (System.console() != null) {
      System.err.println("(reading the text from standard input; end it with Ctrl-D)");
    }
    PushbackReader in = new PushbackReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try {
      int c = in.read();
      while (c >= 0 && Character.isWhitespace(c)) {
        c = in.read();
      }
      if (c < 0) {
        throw new UserError("nothing to say: standard input is empty (give TEXT, or pipe the text in)", 2);
      }
      in.unread(c);
      return in;
    } catch (IOException e) {
      throw new UserError("cannot read standard input: " + OsReason.of(e));
    }
  }
}
