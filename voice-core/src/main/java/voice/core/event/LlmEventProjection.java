package voice.core.event;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import voice.core.bus.WireJson;
import voice.core.llm.LlmEvent;
import voice.core.stage.RecentIds;

/**
 * The public {@code llm.*} events of docs/DESIGN.md for the model's {@link LlmEvent}s. Keeps
 * each turn's last {@code MessageDelta} so {@code llm.message_stop} can carry the stop reason
 * and usage.
 */
final class LlmEventProjection {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private record Ending(String stopReason, LlmEvent.Usage usage) {}

  private final RecentIds<Ending> endings = new RecentIds<>();

  /** The public event for {@code event}, or null when it has none of its own. */
  AgentEvent project(LlmEvent event) {
    String turn = event.turn();
    if (event instanceof LlmEvent.RequestSent e) {
      return AgentEvent.of("llm.request", turn, "provider", e.provider(), "model", e.model(), "url", e.url());
    } else if (event instanceof LlmEvent.MessageStart e) {
      endings.remove(turn);
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
      endings.add(turn, new Ending(e.stopReason(), e.usage()));
      return null;
    } else if (event instanceof LlmEvent.MessageStop e) {
      Ending ending = endings.get(turn);
      endings.remove(turn);
      LlmEvent.Usage usage = ending == null ? null : ending.usage();
      Map<String, Object> usageFields = new LinkedHashMap<>();
      usageFields.put("input_tokens", usage == null ? -1 : usage.inputTokens());
      usageFields.put("output_tokens", usage == null ? -1 : usage.outputTokens());
      return AgentEvent.of("llm.message_stop", turn, "stop_reason", ending == null ? null : ending.stopReason(),
          "usage", usageFields, "end_of_turn", e.endOfTurn());
    } else if (event instanceof LlmEvent.LlmError e) {
      endings.remove(turn);
      return AgentEvent.of("llm.error", turn, "error_type", e.errorType(), "message", e.message());
    }
    return null;
  }

  private static Map<String, Object> arguments(String json) {
    try {
      return WireJson.MAPPER.readValue(json, MAP);
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }
}
