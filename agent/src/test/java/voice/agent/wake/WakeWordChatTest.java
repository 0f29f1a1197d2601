package voice.agent.wake;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.EventLines.all;
import static voice.agent.EventLines.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.agent.bench.SpokenAudio;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.tts.mary.MaryTtsEngine;

/**
 * {@code chat --wake-word "hey computer"} on recordings in MaryTTS's voice, recognized by
 * PocketSphinx and answered by a local OpenAI-compatible model: the device answers what follows the
 * wake word, a follow-up within the window, and nothing else.
 */
class WakeWordChatTest {
  private static Path conversation;
  private static Path questionAlone;

  private static Vertx vertx;
  private static PacedOpenAiServer model;

  @TempDir static Path dir;

  @AfterAll
  static void stop() {
    model.close().await();
    vertx.close().await();
  }

  @BeforeAll
  static void record() throws Exception {
    vertx = Vertx.vertx();
    // One sentence (about 5 s of speech), so that the recording's pauses outlast each answer.
    model = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(17), 150, 20).start().await();
    var voice = MaryTtsEngine.start();
    conversation = new SpokenAudio(voice).silence(600).say("Hey computer. What is the capital of France?")
        .silence(10_000).say("And what about Germany?")   // after the answer, inside the follow-up window
        .silence(20_000).say("What is the capital of Spain?") // long after: not addressed
        .silence(2500).write(dir.resolve("conversation.wav"));
    questionAlone = new SpokenAudio(voice).silence(600).say("What is the capital of France?").silence(2500)
        .write(dir.resolve("question.wav"));
  }

  @Test
  void theQuestionAfterTheWakeWordAndAFollowUpAreAnsweredAndNothingLater() throws Exception {
    Path events = dir.resolve("conversation.jsonl");
    CliRun run = chat(conversation, events, "--follow-up", "8");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<JsonNode> lines = read(events);

    assertThat(all(lines, "wake.detected")).hasSize(1)
        .allSatisfy(e -> assertThat(e.path("phrase").asText()).isEqualTo("hey computer"));
    List<String> finals = all(lines, "stt.final").stream().map(e -> e.path("text").asText()).toList();
    System.out.println("wake word chat heard: " + finals);
    lines.stream().filter(e -> e.path("type").asText().matches("vad.speech_start|stt.final|llm.request|audio.st.*|wake.detected"))
        .forEach(e -> System.out.println("  " + e.path("t_ms") + " " + e.path("type").asText() + " " + e.path("reason").asText()));
    assertThat(finals).hasSize(2);
    assertThat(finals.get(0)).contains("capital").contains("france").doesNotContain("computer");
    assertThat(finals.get(1)).contains("germany");
    assertThat(all(lines, "llm.request")).hasSize(2);

    // The follow-up came after the first answer had been spoken in full: the window let it in.
    List<Integer> speechStarts = indexes(lines, "vad.speech_start");
    int firstAnswerDone = indexOf(lines, e -> e.path("type").asText().equals("audio.stop"));
    assertThat(lines.get(firstAnswerDone).path("reason").asText()).isEqualTo("done");
    assertThat(speechStarts).hasSizeGreaterThanOrEqualTo(3);
    assertThat(speechStarts.get(1)).as("follow-up began after the answer").isGreaterThan(firstAnswerDone);
    // The last question was heard (its speech started) after the second answer, and led nowhere.
    int lastRequest = indexes(lines, "llm.request").get(1);
    assertThat(speechStarts.get(speechStarts.size() - 1)).isGreaterThan(lastRequest);
  }

  @Test
  void theQuestionAloneIsNotAnswered() throws Exception {
    Path events = dir.resolve("alone.jsonl");
    CliRun run = chat(questionAlone, events);
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err().strip()).isEqualTo("voice-agent: the wake word 'hey computer' was not heard in "
        + questionAlone + " (nothing to answer)");
    List<JsonNode> lines = read(events);
    assertThat(all(lines, "vad.speech_start")).as("the question was heard as speech").isNotEmpty();
    assertThat(all(lines, "stt.final")).isEmpty();
    assertThat(all(lines, "wake.detected")).isEmpty();
    assertThat(all(lines, "llm.request")).isEmpty();
  }

  @Test
  void badWakeWordSettingsAreOneLineAndExit2() {
    String in = questionAlone.toString();
    for (String[] args : List.of(
        new String[] {"--wake-word", "hey computer", "--wake-threshold", "5"},
        new String[] {"--wake-word", "hey computer", "--wake-threshold", "0"},
        new String[] {"--wake-threshold", "1e-20"},
        new String[] {"--wake-word", "hey computer", "--follow-up", "-1"},
        new String[] {"--wake-word", "hey zorblaxx"})) {
      List<String> line = new ArrayList<>(List.of("chat", "--in", in, "--llm", "demo", "--out", dir.resolve("x.wav").toString()));
      line.addAll(List.of(args));
      CliRun run = CliRun.of(line.toArray(String[]::new));
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err().strip()).startsWith("voice-agent: ").doesNotContain("\n").doesNotContain("Exception");
    }
    String out = dir.resolve("x.wav").toString();
    assertThat(CliRun.of("chat", "--in", in, "--wake-word", "hey zorblaxx", "--llm", "demo", "--out", out).err())
        .contains("zorblaxx");
    assertThat(CliRun.of("chat", "--in", in, "--wake-word", "hey", "--wake-threshold", "5", "--llm", "demo", "--out", out).err())
        .contains("out of range").contains("1.0E-50");
  }

  private static CliRun chat(Path recording, Path events, String... more) {
    List<String> args = new ArrayList<>(List.of("chat", "--in", recording.toString(), "--llm", "openai",
        "--llm-base-url", model.baseUrl(),
        "--wake-word", "hey computer", "--out", dir.resolve("answer.wav").toString(), "--realtime",
        "--events", events.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<Integer> indexes(List<JsonNode> lines, String type) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).path("type").asText().equals(type)) {
        at.add(i);
      }
    }
    return at;
  }

  private static int indexOf(List<JsonNode> lines, java.util.function.Predicate<JsonNode> test) {
    for (int i = 0; i < lines.size(); i++) {
      if (test.test(lines.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such event");
  }
}
