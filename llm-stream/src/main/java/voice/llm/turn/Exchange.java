package voice.llm.turn;

import java.util.ArrayList;
import java.util.List;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.llm.LlmConfig;
import voice.llm.tools.ToolSpec;

/**
 * What the next request of a turn must carry, provider-neutral: the system prompt (the
 * configured one, then the request's system messages), the user/assistant history, the tool
 * rounds done so far in this turn, and the tools offered. Each provider renders it in its format.
 */
public record Exchange(LlmConfig config, String system, List<ChatMessage> history, List<ToolRound> rounds,
    List<ToolSpec> tools) {

  public Exchange {
    history = List.copyOf(history);
    rounds = List.copyOf(rounds);
    tools = List.copyOf(tools);
  }

  public static Exchange of(LlmConfig config, LlmRequest request, List<ToolSpec> tools) {
    List<String> system = new ArrayList<>();
    if (config.systemPrompt() != null && !config.systemPrompt().isBlank()) {
      system.add(config.systemPrompt());
    }
    List<ChatMessage> history = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if ("system".equals(message.role())) {
        system.add(message.content());
      } else {
        history.add(message);
      }
    }
    return new Exchange(config, system.isEmpty() ? null : String.join("\n\n", system), history, List.of(), tools);
  }

  public Exchange withRound(ToolRound round) {
    List<ToolRound> more = new ArrayList<>(rounds);
    more.add(round);
    return new Exchange(config, system, history, more, tools);
  }
}
