package voice.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import voice.agent.UserError;
import voice.core.event.AgentEvent;

/** Reading a turn's timeline from its public events, as the benchmark does. */
class StreamTimelineTest {
  private final List<AgentEvent> events = new ArrayList<>();

  @Test
  void firstChunkEndsAtTheDeltaThatCompletedItsText() {
    at(100, "llm.request");
    delta(300, "Paris");
    delta(320, " is the");
    delta(340, " capital of France");
    delta(360, ", and it");
    at(365, "tts.chunk", "text", "Paris is the capital of France,", "index", 0);
    at(480, "audio.start");
    delta(500, " has been");
    at(900, "llm.message_stop");

    StreamTimeline timeline = StreamTimeline.of(events);

    assertThat(timeline.requestAt()).isEqualTo(100);
    assertThat(timeline.firstTokenAt()).isEqualTo(300);
    assertThat(timeline.firstChunkLastTokenAt()).as("the comma came with the fourth delta").isEqualTo(360);
    assertThat(timeline.firstChunkTokensMs()).isEqualTo(60);
    assertThat(timeline.firstChunk()).isEqualTo("Paris is the capital of France,");
    assertThat(timeline.audioBeforeTextEnd()).isTrue();
  }

  @Test
  void spokenTextThatDiffersFromTheWrittenFallsBackToWhenTheChunkWentToSynthesis() {
    delta(300, "**Paris**");
    delta(320, " is lovely.");
    at(335, "tts.chunk", "text", "Paris is lovely.", "index", 0);
    at(900, "llm.message_stop");
    at(950, "audio.start");

    StreamTimeline timeline = StreamTimeline.of(events);

    assertThat(timeline.firstChunkLastTokenAt()).isEqualTo(335);
    assertThat(timeline.audioBeforeTextEnd()).isFalse();
  }

  @Test
  void aTurnWithoutSpeechIsAClearError() {
    delta(300, "Paris");
    assertThatThrownBy(() -> StreamTimeline.of(events)).isInstanceOf(UserError.class).hasMessageContaining("no speech");
  }

  private void delta(long tMs, String text) {
    at(tMs, "llm.text_delta", "text", text);
  }

  private void at(long tMs, String type, Object... fields) {
    AgentEvent stamped = AgentEvent.of(type, "t1", fields);
    events.add(new AgentEvent(type, "t1", stamped.ts(), tMs, Map.copyOf(stamped.fields())));
  }
}
