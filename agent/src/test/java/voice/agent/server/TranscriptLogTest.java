package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.server.transcript.TranscriptLog;

class TranscriptLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void appendsOneJsonLinePerTurnAndRotatesBySize(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logs/transcripts.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"turn\":\"earlier\"}\n"); // append-only: what is there stays
    try (TranscriptLog log = TranscriptLog.open(file, 200, 3)) {
      for (int i = 0; i < 12; i++) {
        log.append(Map.of("turn", "t" + i, "answer", "answer number " + i + " with some words in it"));
      }
    }
    List<String> turns = new ArrayList<>();
    for (String name : List.of("transcripts.jsonl.3", "transcripts.jsonl.2", "transcripts.jsonl.1", "transcripts.jsonl")) {
      Path part = file.resolveSibling(name);
      assertThat(part).exists();
      assertThat(Files.size(part)).isLessThanOrEqualTo(200);
      for (String line : Files.readAllLines(part)) {
        JsonNode entry = JSON.readTree(line);
        turns.add(entry.get("turn").asText());
      }
    }
    assertThat(file.resolveSibling("transcripts.jsonl.4")).doesNotExist();
    // Three lines fit in 200 bytes; the oldest file was rotated away (keep = 3).
    assertThat(turns).containsExactly("t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11");
  }

  @Test
  void theDefaultPathFollowsXdgStateHome() {
    assertThat(TranscriptLog.defaultPath(Map.of("XDG_STATE_HOME", "/var/state")))
        .isEqualTo(Path.of("/var/state/voice-agent/transcripts.jsonl"));
    assertThat(TranscriptLog.defaultPath(Map.of()).toString()).endsWith(".local/state/voice-agent/transcripts.jsonl");
  }
}
