package voice.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import voice.agent.UserError;
import voice.core.chunk.SentenceChunker;
import voice.core.event.MonotonicClock;
import voice.core.llm.LlmEvent;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.tts.SpeechEngine;

/**
 * The batch baseline: the same question to the same model, but nothing is spoken until the
 * whole answer has arrived; then the answer is cut with the same chunker and its first chunk
 * is synthesized by the same engine. Its time to first audio is request sent → first piece of
 * that synthesis: a generous batch system (one that would synthesize the whole text in one
 * call waits for all of it, several seconds more with MaryTTS).
 *
 * @param ttftMs request → first text delta
 * @param ttltMs request → last text delta
 * @param ttfaMs request → first audio piece of the first chunk's synthesis
 * @param synthesisMs end of the answer → that first piece
 * @param chunks the whole answer, cut as the pipeline cuts it
 */
record BatchTurn(double ttftMs, double ttltMs, double ttfaMs, double synthesisMs, List<String> chunks) {
  String firstChunk() {
    return chunks.get(0);
  }


  static BatchTurn run(LlmClient llm, SpeechEngine tts, TurnOptions options, String turn, String prompt)
      throws Exception {
    List<ChatMessage> messages = new ArrayList<>();
    if (options.systemPrompt() != null && !options.systemPrompt().isBlank()) {
      messages.add(ChatMessage.system(options.systemPrompt()));
    }
    messages.add(ChatMessage.user(prompt));
    Answer answer = new Answer();
    answer.requestAt = MonotonicClock.millisPrecise();
    var call = llm.stream(new LlmRequest(turn, messages), answer::on);
    try {
      answer.done.get(30, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw new UserError("the batch answer failed: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      call.cancel();
      throw new UserError("the batch answer did not finish within 30 minutes");
    }
    double textDoneAt = MonotonicClock.millisPrecise();
    SentenceChunker chunker = new SentenceChunker(options.chunker());
    List<String> chunks = new ArrayList<>(chunker.feed(answer.text.toString()));
    chunks.addAll(chunker.flush());
    if (chunks.isEmpty()) {
      throw new UserError("the batch answer was empty");
    }
    double firstPieceAt = SynthesisProbe.firstPieceAt(tts, chunks.get(0));
    return new BatchTurn(answer.firstTokenAt - answer.requestAt, answer.lastTokenAt - answer.requestAt,
        firstPieceAt - answer.requestAt, firstPieceAt - textDoneAt, List.copyOf(chunks));
  }

  /** Collects the streamed answer; events come in order, one at a time, on any thread. */
  private static final class Answer {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final StringBuilder text = new StringBuilder();
    volatile double requestAt;
    volatile double firstTokenAt = Double.NaN;
    volatile double lastTokenAt = Double.NaN;

    void on(LlmEvent event) {
      double now = MonotonicClock.millisPrecise();
      if (event instanceof LlmEvent.RequestSent) {
        requestAt = now; // as the pipeline's metrics count it
      } else if (event instanceof LlmEvent.BlockDelta delta && delta.type() == LlmEvent.BlockType.text) {
        if (Double.isNaN(firstTokenAt)) {
          firstTokenAt = now;
        }
        lastTokenAt = now;
        synchronized (text) {
          text.append(delta.text());
        }
      } else if (event instanceof LlmEvent.MessageStop stop && stop.endOfTurn()) {
        done.complete(null);
      } else if (event instanceof LlmEvent.LlmError error) {
        done.completeExceptionally(new IllegalStateException(error.message()));
      }
    }
  }
}
