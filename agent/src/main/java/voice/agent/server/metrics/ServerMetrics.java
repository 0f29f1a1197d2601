package voice.agent.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import voice.core.event.AgentEvent;

/**
 * The server's own meters, next to Vert.x's in one Prometheus registry: histograms of the turn
 * latencies taken from the {@code metrics} events, active voice sessions, and errors by type.
 */
public final class ServerMetrics {
  /** Bucket bounds in milliseconds, spanning a fast local model to a slow remote one. */
  private static final double[] BUCKETS_MS = {
    25, 50, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000
  };
  /** Histogram name -> field of the {@code metrics} event it is taken from. */
  private static final Map<String, String> LATENCIES = Map.of(
      "voice_agent_ttft", "ttft_ms",
      "voice_agent_time_to_first_audio", "ttfa_ms",
      "voice_agent_voice_to_voice", "voice_to_voice_ms",
      "voice_agent_bargein", "bargein_ms");

  private final PrometheusMeterRegistry registry;

  public ServerMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public ServerMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Publishes {@code active} as the active-sessions gauge. */
  public void activeSessions(Supplier<Number> active) {
    Gauge.builder("voice_agent_sessions_active", active).description("Open voice WebSocket sessions").register(registry);
  }

  /** Records the latencies of one turn's {@code metrics} event; {@code source} is voice or http. */
  public void turn(AgentEvent metrics, String source) {
    LATENCIES.forEach((name, field) -> {
      if (metrics.fields().get(field) instanceof Number value) {
        latency(name, source).record(value.doubleValue());
      }
    });
    if (metrics.fields().get("underruns") instanceof Number n && n.intValue() > 0) {
      Counter.builder("voice_agent_audio_underruns").tag("source", source).register(registry).increment(n.intValue());
    }
  }

  /** Records one latency directly (the text proxy measures its own TTFT). */
  public void latency(String field, String source, double ms) {
    LATENCIES.forEach((name, f) -> {
      if (f.equals(field)) {
        latency(name, source).record(ms);
      }
    });
  }

  public void error(String type) {
    Counter.builder("voice_agent_errors").description("Errors by type").tag("type", type).register(registry).increment();
  }

  public String scrape() {
    return registry.scrape();
  }

  private DistributionSummary latency(String name, String source) {
    return DistributionSummary.builder(name).baseUnit("milliseconds").tag("source", source)
        .serviceLevelObjectives(BUCKETS_MS).register(registry);
  }
}
