package voice.agent.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import voice.core.metrics.Percentiles;

/**
 * Everything one benchmark measured. Headline figures are medians over the runs; the ratio, the
 * floor and the gap are computed from those medians, so the table adds up as printed. Each
 * run's own figures are kept under {@code runs}.
 */
public record BenchReport(Map<String, Object> settings, List<RunFigures> runs, BusHopProbe.Hop textHop,
    BusHopProbe.Hop audioHop, SynthesisProbe.RealTimeFactor tts, ConversationProbe.Figures conversation,
    double loadAverageStart, double loadAverageEnd) {

  /** The goals of the spine issue. */
  public static final double RATIO_GOAL = 0.1;
  public static final double GAP_GOAL_MS = 150;
  static final List<String> STREAM_METRICS =
      List.of("ttfa_ms", "ttft_ms", "tps", "tbt_ms_p50", "tbt_ms_p95", "tbt_ms_stddev", "ttlt_ms", "underruns");

  double median(ToDoubleFunction<RunFigures> figure) {
    List<Double> values = new ArrayList<>();
    for (RunFigures run : runs) {
      double v = figure.applyAsDouble(run);
      if (!Double.isNaN(v)) {
        values.add(v);
      }
    }
    return Percentiles.of(values, 50);
  }

  double streamingTtfaMs() {
    return median(RunFigures::ttfaMs);
  }

  double batchTtfaMs() {
    return median(r -> r.batch().ttfaMs());
  }

  double ratio() {
    return streamingTtfaMs() / batchTtfaMs();
  }

  double floorMs() {
    return median(r -> r.metric("ttft_ms")) + median(r -> r.timeline().firstChunkTokensMs())
        + median(RunFigures::ttsFirstChunkMs);
  }

  double gapMs() {
    return streamingTtfaMs() - floorMs();
  }

  int maxUnderruns() {
    return runs.stream().mapToInt(r -> (int) r.metric("underruns")).max().orElse(0);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("settings", settings);
    Map<String, Object> streaming = new LinkedHashMap<>();
    for (String name : STREAM_METRICS) {
      streaming.put(name, round(median(r -> r.metric(name))));
    }
    streaming.put("underruns_max", maxUnderruns());
    streaming.put("first_chunk_tokens_ms", round(median(r -> r.timeline().firstChunkTokensMs())));
    streaming.put("audio_started_before_text_end", runs.stream().allMatch(r -> r.timeline().audioBeforeTextEnd()));
    json.put("streaming", streaming);
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("ttfa_ms", round(batchTtfaMs()));
    batch.put("ttft_ms", round(median(r -> r.batch().ttftMs())));
    batch.put("ttlt_ms", round(median(r -> r.batch().ttltMs())));
    batch.put("first_chunk_synthesis_ms", round(median(r -> r.batch().synthesisMs())));
    json.put("batch", batch);
    json.put("ratio", round(ratio(), 4));
    json.put("ratio_goal_max", RATIO_GOAL);
    json.put("ratio_goal_met", ratio() <= RATIO_GOAL);
    Map<String, Object> floor = new LinkedHashMap<>();
    floor.put("ttft_ms", round(median(r -> r.metric("ttft_ms"))));
    floor.put("first_chunk_tokens_ms", round(median(r -> r.timeline().firstChunkTokensMs())));
    floor.put("tts_first_chunk_ms", round(median(RunFigures::ttsFirstChunkMs)));
    floor.put("floor_ms", round(floorMs()));
    floor.put("gap_ms", round(gapMs()));
    floor.put("gap_goal_max_ms", GAP_GOAL_MS);
    floor.put("gap_goal_met", gapMs() <= GAP_GOAL_MS);
    json.put("floor", floor);
    Map<String, Object> bus = new LinkedHashMap<>();
    bus.put("text_chunk_ms_p50", round(textHop.p50Ms(), 4));
    bus.put("text_chunk_ms_p95", round(textHop.p95Ms(), 4));
    bus.put("audio_chunk_ms_p50", round(audioHop.p50Ms(), 4));
    bus.put("audio_chunk_ms_p95", round(audioHop.p95Ms(), 4));
    bus.put("messages_each", textHop.messages());
    json.put("bus_hop", bus);
    Map<String, Object> synthesis = new LinkedHashMap<>();
    synthesis.put("real_time_factor", round(tts.factor(), 4));
    synthesis.put("audio_seconds", round(tts.audioSeconds()));
    synthesis.put("synthesis_seconds", round(tts.synthesisSeconds()));
    synthesis.put("chunks", tts.chunks());
    json.put("tts", synthesis);
    Map<String, Object> spoken = new LinkedHashMap<>();
    spoken.put("runs", conversation.recognized().isEmpty() ? 0 : conversation.stopAfterOnsetMs().size());
    spoken.put("voice_to_voice_ms", round(Percentiles.of(conversation.voiceToVoiceMs(), 50)));
    spoken.put("bargein_ms", round(Percentiles.of(conversation.bargeInMs(), 50)));
    spoken.put("stop_after_onset_ms", round(Percentiles.of(conversation.stopAfterOnsetMs(), 50)));
    spoken.put("stop_after_onset_ms_max", round(conversation.stopAfterOnsetMs().stream().mapToDouble(d -> d).max().orElse(Double.NaN)));
    spoken.put("recognized", conversation.recognized());
    json.put("conversation", spoken);
    json.put("load_average", Map.of("start", round(loadAverageStart, 2), "end", round(loadAverageEnd, 2)));
    json.put("runs", runs.stream().map(RunFigures::toJson).toList());
    return json;
  }

  static Object round(double value) {
    return round(value, 1);
  }

  /** Rounded to {@code decimals}; null (JSON null) when the figure could not be measured. */
  static Object round(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return null;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
