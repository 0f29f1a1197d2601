package voice.agent.bench;

import java.util.List;
import voice.agent.UserError;
import voice.core.event.AgentEvent;

/**
 * When things happened in one streamed turn, read from its public events (monotonic
 * milliseconds, the events' {@code t_ms}).
 *
 * @param firstChunk the text of the first chunk sent to synthesis ({@code tts.chunk} index 0)
 * @param firstChunkLastTokenAt when the text delta that completed the first chunk arrived; if
 *     the spoken text differs from what the model wrote (markdown removed), when the chunk went
 *     to synthesis, which is later
 */
record StreamTimeline(double requestAt, double firstTokenAt, double firstChunkLastTokenAt, double textEndAt,
    double audioStartAt, String firstChunk) {

  static StreamTimeline of(List<AgentEvent> events) {
    double requestAt = timeOf(events, "llm.request");
    double firstTokenAt = timeOf(events, "llm.text_delta");
    double textEndAt = timeOf(events, "llm.message_stop");
    double audioStartAt = timeOf(events, "audio.start");
    AgentEvent chunk = events.stream()
        .filter(e -> e.type().equals("tts.chunk"))
        .findFirst()
        .orElseThrow(() -> new UserError("the streamed answer produced no speech"));
    String firstChunk = String.valueOf(chunk.fields().get("text"));
    return new StreamTimeline(requestAt, firstTokenAt, lastTokenOf(events, firstChunk, chunk.tMs()), textEndAt,
        audioStartAt, firstChunk);
  }

  /** From the first token to the delta that completed the first chunk. */
  double firstChunkTokensMs() {
    return firstChunkLastTokenAt - firstTokenAt;
  }

  /** Speech started while the model was still writing. */
  boolean audioBeforeTextEnd() {
    return audioStartAt < textEndAt;
  }

  private static double lastTokenOf(List<AgentEvent> events, String chunk, double fallback) {
    String wanted = squash(chunk);
    StringBuilder written = new StringBuilder();
    for (AgentEvent event : events) {
      if (event.type().equals("llm.text_delta")) {
        written.append(event.fields().get("text"));
        if (squash(written.toString()).contains(wanted)) {
          return event.tMs();
        }
      }
    }
    return fallback;
  }

  private static String squash(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static double timeOf(List<AgentEvent> events, String type) {
    return events.stream().filter(e -> e.type().equals(type)).mapToDouble(AgentEvent::tMs).findFirst().orElse(Double.NaN);
  }
}
