package voice.core.message;

import java.util.List;

/** The orchestrator asks the model to answer {@code messages}; the answer streams as LlmEvents of {@code turn}. */
public record LlmRequest(String turn, List<ChatMessage> messages) {
  public LlmRequest {
    messages = List.copyOf(messages);
  }
}
