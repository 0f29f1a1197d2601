package voice.agent.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one repetition: a streamed turn, its batch baseline, and MaryTTS's latency
 * for the streamed turn's first chunk, synthesized by itself right after.
 *
 * @param metrics the streamed turn's {@code metrics} event fields
 * @param ttsFirstChunkMs MaryTTS alone: synthesis called → first audio of the first chunk
 */
record RunFigures(Map<String, Object> metrics, StreamTimeline timeline, String outcome, BatchTurn batch,
    double ttsFirstChunkMs) {

  double metric(String name) {
    return metrics.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  double ttfaMs() {
    return metric("ttfa_ms");
  }

  /**
   * The least TTFA this design allows: the first token, then the tokens that complete the first
   * chunk, then MaryTTS's time for that chunk. What is above it is the pipeline's own cost
   * (chunker look-ahead, bus hops, queueing, the sink).
   */
  double floorMs() {
    return metric("ttft_ms") + timeline.firstChunkTokensMs() + ttsFirstChunkMs;
  }

  double gapMs() {
    return ttfaMs() - floorMs();
  }

  double ratio() {
    return ttfaMs() / batch.ttfaMs();
  }

  Map<String, Object> toJson() {
    Map<String, Object> streaming = new LinkedHashMap<>(metrics);
    streaming.put("first_chunk", timeline.firstChunk());
    streaming.put("first_chunk_tokens_ms", BenchReport.round(timeline.firstChunkTokensMs()));
    streaming.put("audio_started_before_text_end", timeline.audioBeforeTextEnd());
    streaming.put("outcome", outcome);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("streaming", streaming);
    json.put("batch", batchJson(batch));
    json.put("tts_first_chunk_ms", BenchReport.round(ttsFirstChunkMs));
    json.put("floor_ms", BenchReport.round(floorMs()));
    json.put("gap_ms", BenchReport.round(gapMs()));
    json.put("ratio", BenchReport.round(ratio(), 4));
    return json;
  }

  static Map<String, Object> batchJson(BatchTurn batch) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ttfa_ms", BenchReport.round(batch.ttfaMs()));
    json.put("ttft_ms", BenchReport.round(batch.ttftMs()));
    json.put("ttlt_ms", BenchReport.round(batch.ttltMs()));
    json.put("first_chunk_synthesis_ms", BenchReport.round(batch.synthesisMs()));
    json.put("first_chunk", batch.firstChunk());
    return json;
  }
}
