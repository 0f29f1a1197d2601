package voice.agent.bench;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import voice.agent.UserError;
import voice.agent.pipeline.VoicePipeline;
import voice.audio.out.AudioSink;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.tts.SpeechEngine;

/**
 * One question answered by the real streaming pipeline (model, chunker, MaryTTS, playback on a
 * sink paced like a sound card), observed only through the public events, as a user would.
 */
final class StreamingTurn {
  /**
   * @param metrics the turn's {@code metrics} event fields
   * @param events every public event of the turn, in arrival order
   * @param outcome {@code done}, or {@code cancelled} when the benchmark cut playback short
   */
  record Result(Map<String, Object> metrics, List<AgentEvent> events, String outcome) {}

  private StreamingTurn() {}

  /**
   * Asks {@code prompt} and waits until the answer was played, or, when {@code tailMs >= 0},
   * until {@code tailMs} after the model's text ended, where playback is cut (a 500-token answer
   * takes minutes to speak; the model writes it in seconds).
   */
  static Result run(Vertx vertx, String scope, LlmClient llm, SpeechEngine tts, TurnOptions options,
      AudioSink sink, String prompt, long tailMs) throws Exception {
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Map<String, Object>> metrics = new CompletableFuture<>();
    VoicePipeline[] pipeline = new VoicePipeline[1];
    AtomicLong cutTimer = new AtomicLong(-1);
    MessageConsumer<AgentEvent> consumer = vertx.eventBus().consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> {
      AgentEvent event = m.body();
      events.add(event);
      switch (event.type()) {
        case "metrics" -> metrics.complete(event.fields());
        case "llm.message_stop", "llm.error" -> {
          if (tailMs >= 0 && !Boolean.FALSE.equals(event.fields().get("end_of_turn"))) {
            cutTimer.set(vertx.setTimer(Math.max(1, tailMs), t -> pipeline[0].cancelCurrent(TurnCancel.Reason.cancelled)));
          }
        }
        default -> { }
      }
    });
    consumer.completion().await();
    pipeline[0] = VoicePipeline.deploy(vertx, scope, llm, tts, sink, options).await();
    try {
      TurnDone done = pipeline[0].ask(prompt).await(30, TimeUnit.MINUTES);
      if ("error".equals(done.outcome())) {
        throw new UserError("the streamed answer failed: " + (done.error() == null ? "unknown error" : done.error()));
      }
      if (!"done".equals(done.outcome()) && !"cancelled".equals(done.outcome())) {
        throw new UserError("the streamed answer ended with '" + done.outcome() + "'");
      }
      if ("cancelled".equals(done.outcome())) {
        // MaryTTS runs one synthesis at a time: queuing one behind the cut turn's in-flight
        // chunk waits for it, so undeploying the pipeline does not interrupt it mid-way.
        tts.synthesize("Done.", pcm -> { });
      }
      return new Result(metrics.get(10, TimeUnit.SECONDS), List.copyOf(events), done.outcome());
    } catch (TimeoutException e) {
      throw new UserError("the streamed answer did not finish within 30 minutes");
    } finally {
      vertx.cancelTimer(cutTimer.get());
      pipeline[0].close().await();
      consumer.unregister().await();
    }
  }
}
