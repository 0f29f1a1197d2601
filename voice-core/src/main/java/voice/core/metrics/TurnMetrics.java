package voice.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timing of one turn, fed with monotonic milliseconds as things happen, summarized in the
 * {@code metrics} event. Token times are the arrival times of text deltas (one delta is taken
 * as one token unless the provider reports its output token count).
 */
public final class TurnMetrics {
  private double requestAt = Double.NaN;
  private double firstTokenAt = Double.NaN;
  private double lastTokenAt = Double.NaN;
  private double firstAudioAt = Double.NaN;
  private double userSpeechEndAt = Double.NaN;
  private double bargeInOnsetAt = Double.NaN;
  private double audioStoppedAt = Double.NaN;
  private final List<Double> tokenTimes = new ArrayList<>();
  private int reportedOutputTokens = -1;
  private int underruns;

  public void requestSent(double at) {
    requestAt = at;
  }

  public void token(double at) {
    if (tokenTimes.isEmpty()) {
      firstTokenAt = at;
    }
    tokenTimes.add(at);
    lastTokenAt = at;
  }

  public void generationEnded(double at) {
    if (Double.isNaN(lastTokenAt)) {
      lastTokenAt = at;
    }
  }

  public void outputTokens(int count) {
    reportedOutputTokens = count;
  }

  public void firstAudio(double at) {
    if (Double.isNaN(firstAudioAt)) {
      firstAudioAt = at;
    }
  }

  public void userSpeechEnded(double at) {
    userSpeechEndAt = at;
  }

  public void bargeInOnset(double at) {
    bargeInOnsetAt = at;
  }

  public void audioStopped(double at) {
    audioStoppedAt = at;
  }

  public void underruns(int count) {
    underruns = count;
  }

  public double requestAt() {
    return requestAt;
  }

  /** The metrics event fields (docs/DESIGN.md names); a figure that cannot be known is left out. */
  public Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    put(out, "ttft_ms", firstTokenAt - requestAt);
    int tokens = reportedOutputTokens > 0 ? reportedOutputTokens : tokenTimes.size();
    double generationMs = lastTokenAt - firstTokenAt;
    if (tokens > 1 && generationMs > 0) {
      put(out, "tps", (tokens - 1) * 1000.0 / generationMs);
    }
    List<Double> gaps = gaps();
    if (!gaps.isEmpty()) {
      put(out, "tbt_ms_p50", Percentiles.of(gaps, 50));
      put(out, "tbt_ms_p95", Percentiles.of(gaps, 95));
      put(out, "tbt_ms_stddev", Percentiles.stddev(gaps));
    }
    put(out, "ttlt_ms", lastTokenAt - requestAt);
    put(out, "ttfa_ms", firstAudioAt - requestAt);
    put(out, "voice_to_voice_ms", firstAudioAt - userSpeechEndAt);
    put(out, "bargein_ms", audioStoppedAt - bargeInOnsetAt);
    out.put("underruns", underruns);
    out.put("tokens", tokens);
    return out;
  }

  private List<Double> gaps() {
    List<Double> gaps = new ArrayList<>();
    for (int i = 1; i < tokenTimes.size(); i++) {
      gaps.add(tokenTimes.get(i) - tokenTimes.get(i - 1));
    }
    return gaps;
  }

  private static void put(Map<String, Object> out, String name, double value) {
    if (!Double.isNaN(value) && !Double.isInfinite(value)) {
      out.put(name, Math.round(value * 10.0) / 10.0);
    }
  }
}
