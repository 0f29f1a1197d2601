package voice.llm.turn;

import java.util.List;
import voice.core.llm.LlmEvent.ToolResult;

/** One finished tool round: what the model wrote (ending in tool calls) and each call's result. */
public record ToolRound(List<AssistantBlock> assistant, List<ToolResult> results) {
  public ToolRound {
    assistant = List.copyOf(assistant);
    results = List.copyOf(results);
  }
}
