package voice.agent.cli.models;

import java.util.List;
import voice.agent.CliRun;

/** Runs {@code voice-agent ...} in-process and captures what it printed. */
final class ModelsCli {
  record Result(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private ModelsCli() {}

  static Result run(String... args) {
    CliRun run = CliRun.of(args);
    return new Result(run.exitCode(), run.out(), run.err());
  }
}
