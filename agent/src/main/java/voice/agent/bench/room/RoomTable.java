package voice.agent.bench.room;

import java.util.List;
import java.util.Locale;

/** The loudspeaker room's figures as a Markdown table, one row per user level. */
public final class RoomTable {
  private RoomTable() {}

  public static String render(List<RoomLevel> levels) {
    StringBuilder out = new StringBuilder();
    out.append("| User vs echo | Answers | False barge-ins | Interrupted | Stopped within 400 ms | Onset -> stop (median) "
        + "| WER over the answer | WER in silence | Canceller | Canceller CPU |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (RoomLevel l : levels) {
      out.append(String.format(Locale.ROOT, "| %+.0f dB | %d | %d | %.0f %% | %.0f %% | %s | %.2f | %s | %s | %.1f %% of a core |%n",
          l.userDb(), l.answers(), l.falseBargeIns(), 100 * l.detectedShare(), 100 * l.stoppedWithin(400),
          l.medianOnsetToStopMs() < 0 ? "-" : l.medianOnsetToStopMs() + " ms", l.werOverAnswer(),
          Double.isNaN(l.werInSilence()) ? "-" : String.format(Locale.ROOT, "%.2f", l.werInSilence()),
          Double.isNaN(l.cancelledDb()) ? "off" : String.format(Locale.ROOT, "%.1f dB", l.cancelledDb()),
          100 * l.cancellerCoreShare()));
    }
    return out.toString();
  }
}
