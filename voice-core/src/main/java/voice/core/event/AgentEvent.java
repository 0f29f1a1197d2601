package voice.core.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of the public stream ({@code --events}, the WebSocket, the SSE proxy): {@code ts}
 * is wall-clock epoch milliseconds, {@code tMs} monotonic milliseconds since start, and
 * {@code fields} the type's own fields (see docs/DESIGN.md for the names).
 */
public record AgentEvent(String type, String turn, long ts, long tMs, Map<String, Object> fields) {
  public AgentEvent {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** An event stamped now; {@code keyValues} alternate field names and values. */
  public static AgentEvent of(String type, String turn, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must come in pairs");
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      fields.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new AgentEvent(type, turn, System.currentTimeMillis(), MonotonicClock.millis(), fields);
  }

  /**
   * An event of something that happened at monotonic {@code tMs} (a typed message's own stamp);
   * {@code ts} is the wall-clock time of that instant.
   */
  public static AgentEvent at(long tMs, String type, String turn, Object... keyValues) {
    AgentEvent now = of(type, turn, keyValues);
    return new AgentEvent(type, turn, now.ts - (now.tMs - tMs), tMs, now.fields);
  }

  /** The flat JSON object of the public format: ts, t_ms, turn, type, then the fields. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ts", ts);
    json.put("t_ms", tMs);
    json.put("turn", turn);
    json.put("type", type);
    json.putAll(fields);
    return json;
  }
}
