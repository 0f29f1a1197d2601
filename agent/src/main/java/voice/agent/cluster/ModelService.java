package voice.agent.cluster;

import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;

/**
 * The {@code llm} role: streams a call's answer from the local model client, every
 * {@link LlmEvent} as it comes, the terminal one (end of turn or error) marked as the end; a
 * cancelled call closes the upstream request.
 */
public final class ModelService {
  private final LlmClient client;
  private final int capacity;

  public ModelService(LlmClient client, int capacity) {
    this.client = client;
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  void stream(LlmRequest request, StreamReply reply) {
    LlmCall call = client.stream(request, event -> {
      boolean terminal = event instanceof LlmEvent.LlmError
          || (event instanceof LlmEvent.MessageStop stop && stop.endOfTurn());
      if (terminal) {
        reply.end(event);
      } else {
        reply.send(event);
      }
    });
    reply.onCancel(call::cancel);
  }
}
