package voice.core.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A turn's figures, sent when it ends: the fields of the public {@code metrics} event
 * ({@code ttft_ms}, {@code tps}, {@code ttfa_ms}, {@code underruns}...; see docs/DESIGN.md), a
 * figure that cannot be known left out.
 */
public record TurnSummary(String turn, Map<String, Object> metrics) {
  public TurnSummary {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics)); // in the order of the event
  }
}
