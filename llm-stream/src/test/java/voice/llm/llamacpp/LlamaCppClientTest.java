package voice.llm.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.core.llm.LlmEvent;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.llm.EventRecorder;
import voice.llm.LlmCall;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;

/** The real llama.cpp native library on a tiny GGUF written by the test (its output is gibberish). */
class LlamaCppClientTest {
  @TempDir
  static Path dir;
  private static Vertx vertx;
  private static LlmClient client;

  @BeforeAll
  static void loadTinyModel() throws Exception {
    vertx = Vertx.vertx();
    Path gguf = TinyGguf.write(dir.resolve("tiny.gguf"));
    client = LlmClients.create(vertx, LlmConfig.builder("llamacpp", gguf.toString()).maxTokens(8)
        .systemPrompt("You are terse.").build());
  }

  @AfterAll
  static void close() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static LlmRequest ask(String turn) {
    return new LlmRequest(turn, List.of(ChatMessage.user("Hello there"), ChatMessage.assistant("hello"),
        ChatMessage.user("Say more")));
  }

  @Test
  void streamsTokensOneByOneUntilMaxTokens() throws Exception {
    EventRecorder recorder = new EventRecorder();
    client.stream(ask("l1"), recorder);
    recorder.awaitEndOfTurn();

    assertThat(recorder.all(LlmEvent.MessageStart.class)).hasSize(1);
    assertThat(recorder.all(LlmEvent.BlockStart.class)).singleElement()
        .satisfies(start -> assertThat(start.type()).isEqualTo(LlmEvent.BlockType.text));
    List<LlmEvent.BlockDelta> deltas = recorder.all(LlmEvent.BlockDelta.class);
    assertThat(deltas).hasSize(8);
    // Each delta is one token of the tiny vocabulary: a word with its leading space.
    assertThat(deltas).allSatisfy(d -> assertThat(TinyGguf.WORDS).contains(d.text().replace(' ', '\u2581')));
    assertThat(recorder.all(LlmEvent.BlockStop.class)).hasSize(1);
    LlmEvent.MessageDelta delta = recorder.all(LlmEvent.MessageDelta.class).get(0);
    assertThat(delta.stopReason()).isEqualTo("max_tokens");
    assertThat(delta.usage().outputTokens()).isEqualTo(8);
    assertThat(delta.usage().inputTokens()).isGreaterThan(10);
    assertThat(recorder.all(LlmEvent.RequestSent.class).get(0).provider()).isEqualTo("llamacpp");
  }

  @Test
  void cancelStopsGenerationWithinOneToken() throws Exception {
    Path gguf = dir.resolve("tiny.gguf");
    LlamaCppClient longAnswers = (LlamaCppClient) LlmClients.create(vertx,
        LlmConfig.builder("llamacpp", gguf.toString()).maxTokens(400).build());
    try {
      EventRecorder recorder = new EventRecorder();
      LlmCall call = longAnswers.stream(ask("l2"), recorder);
      recorder.awaitFirstText();
      call.cancel();
      int atCancel = recorder.events.size();
      // The engine's single thread is free again only once the cancelled generation has stopped.
      EventRecorder next = new EventRecorder();
      longAnswers.stream(new LlmRequest("l3", List.of(ChatMessage.user("again"))), next);
      next.awaitFirstText();
      assertThat(longAnswers.tokensReadAfterCancel()).isEqualTo(1);
      assertThat(recorder.events.size()).as("at most the one token in flight").isLessThanOrEqualTo(atCancel + 1);
      assertThat(recorder.isTerminated()).isFalse();
      assertThat(recorder.all(LlmEvent.BlockDelta.class).size()).isLessThan(400);
    } finally {
      longAnswers.close();
    }
  }

  @Test
  void missingOrNonGgufModelIsOneLine() throws Exception {
    Path missing = dir.resolve("absent.gguf");
    assertThatThrownBy(() -> LlmClients.create(vertx, LlmConfig.builder("llamacpp", missing.toString()).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GGUF model not found: " + missing + "; run voice-agent models pull qwen2.5-0.5b-instruct");
    assertThatThrownBy(() -> LlmClients.create(vertx, LlmConfig.builder("llamacpp", "qwen2.5").build()))
        .hasMessageContaining(".gguf").hasMessageNotContaining("\n");
  }

  @Test
  void corruptGgufEndsTheTurnWithOneLineError() throws Exception {
    Path bad = Files.write(dir.resolve("corrupt.gguf"), "GGUF\3\0\0\0not a model".getBytes());
    LlmClient broken = LlmClients.create(vertx, LlmConfig.builder("llamacpp", bad.toString()).build());
    try {
      EventRecorder recorder = new EventRecorder();
      broken.stream(ask("l4"), recorder);
      LlmEvent.LlmError error = recorder.awaitError();
      assertThat(error.errorType()).isEqualTo("model_error");
      assertThat(error.message()).startsWith("could not load GGUF model " + bad).doesNotContain("\n");
    } finally {
      broken.close();
    }
  }
}
