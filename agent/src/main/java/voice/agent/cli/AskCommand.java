package voice.agent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import voice.agent.UserError;
import voice.agent.config.AgentConfig;
import voice.agent.pipeline.SpeakingRun;
import voice.core.message.TurnDone;

/** {@code voice-agent ask QUESTION}: one question, the answer spoken while it streams. */
@Command(name = "ask", mixinStandardHelpOptions = true,
    description = "Ask one question; the answer is spoken while the model is still writing it.")
public final class AskCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question.")
  List<String> question;

  @Mixin LlmOptions llm;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    String text = String.join(" ", question);
    if (text.isBlank()) {
      throw new UserError("nothing to ask: QUESTION is empty", 2);
    }
    AgentConfig config = AgentConfig.load(llm.configFile);
    llm.checkProvider(config);
    // The outputs next: an unusable --out or --events is refused before the model is looked for.
    try (SpeakingRun run = SpeakingRun.open(output.out, output.outputDevice, output.realtime, output.events)) {
      var llmConfig = llm.toConfig(config);
      var client = llm.createClient(run.vertx(), llmConfig);
      run.start(client, llm.turnOptions(config));
      TurnDone done = run.run(pipeline -> pipeline.ask(text));
      if ("error".equals(done.outcome())) {
        throw new UserError(done.error() == null ? "the answer failed" : done.error());
      }
      run.keepOutput();
      return "done".equals(done.outcome()) ? 0 : SpeakingRun.INTERRUPTED_EXIT;
    }
  }
}
