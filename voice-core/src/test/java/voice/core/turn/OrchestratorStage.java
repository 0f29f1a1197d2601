package voice.core.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.chunk.ChunkerOptions;
import voice.core.event.AgentEvent;
import voice.core.event.EventProjector;
import voice.core.message.LlmRequest;
import voice.core.message.TextChunk;
import voice.core.message.TurnCancel;
import voice.core.message.TurnDone;

/**
 * The orchestrator deployed alone with the event projector, for tests that drive it with
 * messages and read what it sends: the model requests, the chunks to speak, cancels, turn ends
 * and public events, each in a queue.
 */
abstract class OrchestratorStage {
  Vertx vertx;
  TurnOrchestrator orchestrator;
  final BlockingQueue<LlmRequest> requests = new LinkedBlockingQueue<>();
  final BlockingQueue<TextChunk> chunks = new LinkedBlockingQueue<>();
  final BlockingQueue<TurnCancel> cancels = new LinkedBlockingQueue<>();
  final BlockingQueue<TurnDone> done = new LinkedBlockingQueue<>();
  final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    var bus = vertx.eventBus();
    bus.<LlmRequest>consumer(Addresses.LLM_REQUEST, m -> requests.add(m.body()));
    bus.<TextChunk>consumer(Addresses.TTS_TEXT, m -> chunks.add(m.body()));
    bus.<TurnCancel>consumer(Addresses.TURN_CANCEL, m -> cancels.add(m.body()));
    bus.<TurnDone>consumer(Addresses.TURN_DONE, m -> done.add(m.body()));
    bus.<AgentEvent>consumer(Addresses.EVENTS, m -> events.add(m.body()));
    orchestrator = new TurnOrchestrator(TurnOptions.defaults().withSystemPrompt("Be brief.")
        .withChunker(ChunkerOptions.sentences()).withBargeIn(150, false), "");
    vertx.deployVerticle(new EventProjector("")).await();
    vertx.deployVerticle(orchestrator).await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  void publish(String address, Object message) {
    vertx.eventBus().publish(address, message);
  }

  /** The next public event of {@code type}, skipping others. */
  AgentEvent takeEvent(String type) throws InterruptedException {
    while (true) {
      AgentEvent event = take(events);
      if (event.type().equals(type)) {
        return event;
      }
    }
  }

  static <T> T take(BlockingQueue<T> queue) throws InterruptedException {
    T value = queue.poll(5, TimeUnit.SECONDS);
    assertThat(value).as("message within 5 s").isNotNull();
    return value;
  }
}
