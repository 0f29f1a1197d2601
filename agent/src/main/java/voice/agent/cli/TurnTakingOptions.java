package voice.agent.cli;

import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.config.AgentConfig;
import voice.core.turn.EndOfTurn;
import voice.stt.SttOptions;

/**
 * How the end of the user's turn is found, shared by chat, serve and bench: by rules on the
 * words and the pause, with a speculative request at a short pause (the default), or by a fixed
 * silence alone. Command-line options over the config file's {@code voice} section.
 */
public final class TurnTakingOptions {
  static final long MIN_MS = 50;

  @Option(names = "--speculative-ms", paramLabel = "MS",
      description = "Pause after which the words so far go to the model at once; the answer is heard only once the turn is over (default 200, "
          + MIN_MS + "..5000).")
  Long speculativeMs;

  @Option(names = "--end-of-turn", paramLabel = "MODE",
      description = "rules (default: the words decide how long a pause ends the turn, 300 ms after a complete question, up to 1500 ms after a trailing \"and\" or a number being dictated) or silence (the fixed --endpoint-ms alone, no speculative request).")
  String endOfTurn;

  /** {@code options} with the chosen end of turn; values out of range exit 2 with one line. */
  public SttOptions apply(SttOptions options, AgentConfig config) {
    AgentConfig.Voice voice = config.voice();
    String mode = endOfTurn != null ? endOfTurn : voice.endOfTurn() != null ? voice.endOfTurn() : "rules";
    if (!mode.equals("rules") && !mode.equals("silence")) {
      String where = endOfTurn != null ? "--end-of-turn" : "voice.end_of_turn in the config file";
      throw new UserError(where + " must be rules or silence, got '" + mode + "'", 2);
    }
    long speculative = speculativeMs != null ? speculativeMs
        : voice.speculativeMs() != null ? voice.speculativeMs() : EndOfTurn.Settings.DEFAULT.speculativeMs();
    check(speculativeMs != null || voice.speculativeMs() == null ? "--speculative-ms" : "voice.speculative_ms in the config file",
        speculative);
    check("the end-of-utterance silence (--endpoint-ms, voice.endpoint_silence_ms)", options.endSilenceMs());
    if (mode.equals("silence")) {
      return options.withTurn(null);
    }
    return options.withTurn(EndOfTurn.Settings.DEFAULT.withSpeculativeMs(speculative));
  }

  private static void check(String option, long ms) {
    if (ms < MIN_MS || ms > EndOfTurn.Settings.MAX_MS) {
      throw new UserError(option + " must be " + MIN_MS + ".." + EndOfTurn.Settings.MAX_MS + " ms, got " + ms, 2);
    }
  }
}
