package voice.agent.bench;

import java.util.Locale;

/** The report as a Markdown table a person reads (and the README shows). */
public final class BenchTable {
  private BenchTable() {}

  public static String render(BenchReport report) {
    var s = report.settings();
    StringBuilder out = new StringBuilder();
    out.append(s.get("description")).append('\n');
    out.append(report.runs().size()).append(report.runs().size() == 1 ? " run" : " runs, medians")
        .append(". Before measuring, MaryTTS (").append(s.get("voice")).append(") was started and warmed up")
        .append(" (JIT): it spoke the scripted answer's sentences once, then one short streamed turn ran.\n");
    out.append(String.format(Locale.ROOT, "Load average (1 min): %.2f at start, %.2f at end; %s cores.%n%n",
        report.loadAverageStart(), report.loadAverageEnd(), s.get("cores")));

    out.append("| Figure | Value | Goal |\n|---|---|---|\n");
    row(out, "Streaming TTFA (request sent → first audio sample handed to the sink)", ms(report.streamingTtfaMs()), "");
    row(out, "Batch TTFA (whole answer received, then its first chunk synthesized; request → first audio)",
        ms(report.batchTtfaMs()), "");
    double ratio = report.ratio();
    row(out, "Streaming / batch TTFA", String.format(Locale.ROOT, "%.3f (1/%.0f)", ratio, 1 / ratio),
        goal("≤ 0.1", ratio <= BenchReport.RATIO_GOAL));
    row(out, "TTFA floor = TTFT + first token → first chunk's last token + MaryTTS first chunk alone",
        ms(report.floorMs()) + " = " + ms(report.median(r -> r.metric("ttft_ms"))) + " + "
            + ms(report.median(r -> r.timeline().firstChunkTokensMs())) + " + "
            + ms(report.median(RunFigures::ttsFirstChunkMs)), "");
    row(out, "Streaming TTFA − floor", ms(report.gapMs()), goal("≤ 150 ms", report.gapMs() <= BenchReport.GAP_GOAL_MS));
    long early = report.runs().stream().filter(r -> r.timeline().audioBeforeTextEnd()).count();
    row(out, "Speech started before the model finished writing", early + " of " + report.runs().size() + " runs", "");
    row(out, "TTFT", ms(report.median(r -> r.metric("ttft_ms"))), "");
    row(out, "Tokens per second", String.format(Locale.ROOT, "%.1f", report.median(r -> r.metric("tps"))), "");
    row(out, "Time between tokens p50 / p95 / stddev", String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms",
        report.median(r -> r.metric("tbt_ms_p50")), report.median(r -> r.metric("tbt_ms_p95")),
        report.median(r -> r.metric("tbt_ms_stddev"))), "");
    row(out, "TTLT", ms(report.median(r -> r.metric("ttlt_ms"))), "");
    row(out, "Underruns, real-time paced sink (" + s.get("played") + ")",
        String.format(Locale.ROOT, "%.0f (most in one run: %d)", report.median(r -> r.metric("underruns")),
            report.maxUnderruns()), "");
    row(out, "Event-bus hop publish → consume, TextChunk, p50 / p95", hop(report.textHop()), "");
    row(out, "Event-bus hop publish → consume, AudioChunk of 100 ms at 48 kHz, p50 / p95", hop(report.audioHop()), "");
    var tts = report.tts();
    row(out, String.format(Locale.ROOT, "MaryTTS real-time factor (synthesis / audio; %d distinct chunks of the answer, %.1f s of audio)",
        tts.chunks(), tts.audioSeconds()), String.format(Locale.ROOT, "%.3f", tts.factor()), "");
    var conversation = report.conversation();
    if (!conversation.stopAfterOnsetMs().isEmpty() || !conversation.voiceToVoiceMs().isEmpty()) {
      String spoken = " (spoken conversation replayed in real time, PocketSphinx, " + conversation.stopAfterOnsetMs().size() + " runs)";
      row(out, "Voice-to-voice: end of the user's speech → first answer audio (end of turn found from the words and the pause, unless --end-of-turn silence)" + spoken,
          ms(voice.core.metrics.Percentiles.of(conversation.voiceToVoiceMs(), 50)), "");
      row(out, "Barge-in: interruption's onset (VAD) → voice stopped" + spoken,
          ms(voice.core.metrics.Percentiles.of(conversation.bargeInMs(), 50)), "");
      double stop = voice.core.metrics.Percentiles.of(conversation.stopAfterOnsetMs(), 50);
      row(out, "Voice stopped after the interruption's known onset in the recording, median / worst",
          ms(stop) + " / " + ms(conversation.stopAfterOnsetMs().stream().mapToDouble(d -> d).max().orElse(Double.NaN)),
          goal("≤ 400 ms", stop <= 400));
    }
    return out.toString();
  }

  private static void row(StringBuilder out, String figure, String value, String goal) {
    out.append("| ").append(figure).append(" | ").append(value).append(" | ").append(goal).append(" |\n");
  }

  private static String goal(String goal, boolean met) {
    return goal + (met ? " — met" : " — NOT met");
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value >= 100 ? "%.0f ms" : "%.1f ms", value);
  }

  private static String hop(BusHopProbe.Hop hop) {
    return String.format(Locale.ROOT, "%.3f / %.3f ms (%d messages)", hop.p50Ms(), hop.p95Ms(), hop.messages());
  }
}
