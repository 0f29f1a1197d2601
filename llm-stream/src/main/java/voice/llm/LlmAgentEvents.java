package voice.llm;

import io.vertx.core.eventbus.EventBus;
import java.util.LinkedHashMap;
import java.util.Map;
import voice.core.event.AgentEvent;
import voice.core.llm.LlmEvent;

/**
 * Turns one turn's {@link LlmEvent}s into the public {@code llm.*} events of docs/DESIGN.md. Keeps
 * the last {@code MessageDelta} so {@code llm.message_stop} can carry stop reason and usage.
 */
final class LlmAgentEvents {
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP = new com.fasterxml.jackson.core.type.TypeReference<>() {};
  private final EventBus bus;
  private final String address;
  private String stopReason;
  private LlmEvent.Usage usage;

  LlmAgentEvents(EventBus bus, String address) {
    this.bus = bus;
    this.address = address;
  }

  void publish(LlmEvent event) {
    AgentEvent agentEvent = toAgentEvent(event);
    if (agentEvent != null) {
      bus.publish(address, agentEvent);
    }
  }

  private AgentEvent toAgentEvent(LlmEvent event) {
    String turn = event.turn();
    if (event instanceof LlmEvent.RequestSent e) {
      return AgentEvent.of("llm.request", turn, "provider", e.provider(), "model", e.model(), "url", e.url());
    } else if (event instanceof LlmEvent.MessageStart e) {
      stopReason = null;
      usage = null;
      return AgentEvent.of("llm.message_start", turn, "id", e.id(), "model", e.model());
    } else if (event instanceof LlmEvent.BlockDelta e) {
      return switch (e.type()) {
        case text -> AgentEvent.of("llm.text_delta", turn, "text", e.text());
        case thinking -> AgentEvent.of("llm.thinking_delta", turn, "text", e.text());
        case tool_use -> null;
      };
    } else if (event instanceof LlmEvent.ToolCall e) {
      return AgentEvent.of("llm.tool_call", turn, "id", e.id(), "name", e.name(), "arguments", arguments(e.argumentsJson()));
    } else if (event instanceof LlmEvent.ToolResult e) {
      return AgentEvent.of("llm.tool_result", turn, "id", e.id(), "name", e.name(), "content", e.content(),
          "is_error", e.isError());
    } else if (event instanceof LlmEvent.MessageDelta e) {
      stopReason = e.stopReason();
      usage = e.usage();
      return null;
    } else if (event instanceof LlmEvent.MessageStop e) {
      Map<String, Object> usageFields = new LinkedHashMap<>();
      usageFields.put("input_tokens", usage == null ? -1 : usage.inputTokens());
      usageFields.put("output_tokens", usage == null ? -1 : usage.outputTokens());
      return AgentEvent.of("llm.message_stop", turn, "stop_reason", stopReason, "usage", usageFields,
          "end_of_turn", e.endOfTurn());
    } else if (event instanceof LlmEvent.LlmError e) {
      return AgentEvent.of("llm.error", turn, "error_type", e.errorType(), "message", e.message());
    }
    return null;
  }

  private static Map<String, Object> arguments(String json) {
    try {
      return voice.core.bus.WireJson.MAPPER.readValue(json, MAP);
    } catch (java.io.IOException | RuntimeException e) {
      return Map.of();
    }
  }
}
