package voice.agent.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import voice.agent.bench.TurnTakingProbe.Said;
import voice.core.event.AgentEvent;
import voice.core.metrics.Percentiles;

/**
 * What the turn-taking probe measured over its passes, from the public events lined up with
 * the known positions of the speech in the recording (input position = event time − capture start).
 */
public final class TurnTakingFigures {
  final List<Double> plainVoiceToVoiceMs = new ArrayList<>();
  final List<Double> pausedVoiceToVoiceMs = new ArrayList<>();
  final List<String> premature = new ArrayList<>();
  final List<String> unanswered = new ArrayList<>();
  int speculativeStarted;
  int speculativeCommitted;
  int backchannels;
  int backchannelsStoppedVoice;
  int backchannelsAnsweredAsRequests;
  final List<Double> resumeGapMs = new ArrayList<>();
  final List<Double> interruptionStopMs = new ArrayList<>();

  /** One pass: what was said, and the events the pipeline wrote while hearing it. */
  void add(List<Said> said, List<AgentEvent> events) {
    double capture = events.stream().filter(e -> e.type().equals("capture.start")).mapToDouble(AgentEvent::tMs)
        .findFirst().orElse(Double.NaN);
    Map<String, Double> audioStart = new HashMap<>();
    Map<String, Double> bargeInStop = new HashMap<>();
    Map<String, String> resumeOf = new HashMap<>();
    List<Object[]> commits = new ArrayList<>(); // {position, turn}
    for (AgentEvent e : events) {
      double at = e.tMs() - capture;
      switch (e.type()) {
        case "audio.start" -> audioStart.putIfAbsent(e.turn(), at);
        case "audio.stop" -> {
          if ("bargein".equals(e.fields().get("reason"))) {
            bargeInStop.put(e.turn(), at);
          }
        }
        case "turn.speculative_start" -> speculativeStarted++;
        case "turn.commit" -> {
          commits.add(new Object[] {at, e.turn()});
          if (Boolean.TRUE.equals(e.fields().get("speculative"))) {
            speculativeCommitted++;
          }
        }
        case "turn.resume" -> resumeOf.put(String.valueOf(e.fields().get("resumes")), e.turn());
        default -> { }
      }
    }
    for (int i = 0; i < said.size(); i++) {
      Said s = said.get(i);
      double next = i + 1 < said.size() ? said.get(i + 1).startMs() : Double.MAX_VALUE;
      List<Object[]> inside = commits.stream().filter(c -> (double) c[0] >= s.startMs() && (double) c[0] < next).toList();
      String answer = inside.isEmpty() ? null : (String) inside.get(0)[1];
      boolean early = inside.stream().anyMatch(c -> (double) c[0] < s.endMs());
      switch (s.kind()) {
        case "plain", "paused" -> {
          if (early) {
            premature.add(String.format(Locale.ROOT, "%s (committed at %.0f ms, it ended at %d ms)", s.text(),
                (double) inside.get(0)[0], s.endMs()));
          }
          Double heard = answer == null ? null : audioStart.get(answer);
          if (heard == null) {
            unanswered.add(s.text());
          } else {
            (s.kind().equals("plain") ? plainVoiceToVoiceMs : pausedVoiceToVoiceMs).add(heard - s.endMs());
          }
        }
        case "backchannel" -> {
          backchannels++;
          backchannelsAnsweredAsRequests += inside.size();
          String spoken = answerBefore(said, i, commits);
          if (spoken != null && bargeInStop.containsKey(spoken)) {
            backchannelsStoppedVoice++;
            Double resumed = resumeOf.containsKey(spoken) ? audioStart.get(resumeOf.get(spoken)) : null;
            if (resumed != null) {
              resumeGapMs.add(resumed - s.endMs());
            }
          }
        }
        case "interruption" -> {
          String spoken = answerBefore(said, i, commits);
          if (spoken != null && bargeInStop.containsKey(spoken)) {
            interruptionStopMs.add(bargeInStop.get(spoken) - s.startMs());
          }
        }
        default -> { }
      }
    }
  }

  /** The turn that answered the utterance before {@code i}. */
  private static String answerBefore(List<Said> said, int i, List<Object[]> commits) {
    Said question = said.get(i - 1);
    return commits.stream().filter(c -> (double) c[0] >= question.startMs() && (double) c[0] < said.get(i).startMs())
        .map(c -> (String) c[1]).findFirst().orElse(null);
  }

  public int premature() {
    return premature.size();
  }

  public List<String> unanswered() {
    return List.copyOf(unanswered);
  }

  public int backchannels() {
    return backchannels;
  }

  public int backchannelsStoppedVoice() {
    return backchannelsStoppedVoice;
  }

  public int resumed() {
    return resumeGapMs.size();
  }

  public int backchannelsAnsweredAsRequests() {
    return backchannelsAnsweredAsRequests;
  }

  public int plainAnswered() {
    return plainVoiceToVoiceMs.size();
  }

  public int pausedAnswered() {
    return pausedVoiceToVoiceMs.size();
  }

  /** Backchannels after which the answer went on within {@code ms}: resumed that fast, or never stopped. */
  public long backchannelsFineWithin(double ms) {
    return backchannels - backchannelsStoppedVoice + resumeGapMs.stream().filter(g -> g <= ms).count();
  }

  /** The table rows: figure, value, goal. */
  public List<String[]> rows() {
    List<String[]> rows = new ArrayList<>();
    double p50 = Percentiles.of(plainVoiceToVoiceMs, 50);
    rows.add(row("Voice-to-voice on plain questions, p50 / p95 (end of the question in the recording → first answer audio)",
        ms(p50) + " / " + ms(Percentiles.of(plainVoiceToVoiceMs, 95)) + " (" + plainVoiceToVoiceMs.size() + " answers)",
        "p50 ≤ 600 ms — " + met(p50 <= 600)));
    rows.add(row("Premature answers on the pause set (700–900 ms pauses inside \"set a timer for … ten minutes\" and the like)",
        premature.size() + " of " + (pausedVoiceToVoiceMs.size() + unanswered.size()) , "0 — " + met(premature.isEmpty())));
    double paused = Percentiles.of(pausedVoiceToVoiceMs, 50);
    rows.add(row("Pause set: voice-to-voice p50 (after the real end) and delay added over plain questions",
        ms(paused) + ", +" + ms(paused - p50), ""));
    rows.add(row("Speculative requests started / committed (the rest was wasted upstream work)",
        speculativeStarted + " / " + speculativeCommitted, ""));
    long fine = backchannelsFineWithin(500);
    rows.add(row("Backchannels over an answer: stopped the voice / resumed / answered as a request",
        backchannels + ": " + backchannelsStoppedVoice + " / " + resumeGapMs.size() + " / " + backchannelsAnsweredAsRequests, ""));
    rows.add(row("Gap before resuming, p50 / max (end of the backchannel → resumed audio)",
        ms(Percentiles.of(resumeGapMs, 50)) + " / " + ms(resumeGapMs.stream().mapToDouble(d -> d).max().orElse(Double.NaN)),
        ""));
    rows.add(row("Backchannels resumed within 500 ms (or never stopping the voice)", fine + " of " + backchannels,
        "≥ 90 % — " + met(backchannels > 0 && fine >= 0.9 * backchannels)));
    if (!interruptionStopMs.isEmpty()) {
      double worst = interruptionStopMs.stream().mapToDouble(d -> d).max().orElse(Double.NaN);
      rows.add(row("Real interruption: voice stopped after its onset in the recording, median / worst",
          ms(Percentiles.of(interruptionStopMs, 50)) + " / " + ms(worst), "≤ 400 ms — " + met(worst <= 400)));
    }
    return rows;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("plain_voice_to_voice_ms", plainVoiceToVoiceMs);
    json.put("paused_voice_to_voice_ms", pausedVoiceToVoiceMs);
    json.put("premature", premature);
    json.put("unanswered", unanswered);
    json.put("speculative_started", speculativeStarted);
    json.put("speculative_committed", speculativeCommitted);
    json.put("backchannels", backchannels);
    json.put("backchannels_stopped_voice", backchannelsStoppedVoice);
    json.put("backchannels_answered_as_requests", backchannelsAnsweredAsRequests);
    json.put("resume_gap_ms", resumeGapMs);
    json.put("interruption_stop_ms", interruptionStopMs);
    return json;
  }

  private static String[] row(String figure, String value, String goal) {
    return new String[] {figure, value, goal};
  }

  private static String met(boolean met) {
    return met ? "met" : "not met";
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f ms", value);
  }
}
