package voice.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.CaptureStarted;
import voice.core.message.InputEnded;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;

/** Typed facts in, public events out, with the types and fields of DESIGN.md. */
class EventProjectorTest {
  private static final String SCOPE = "p1";
  private static Vertx vertx;
  private static final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, SCOPE), m -> events.add(m.body()));
    vertx.deployVerticle(new EventProjector(SCOPE)).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void audioFactsBecomeTheirPublicEventsAtTheirOwnTime() throws Exception {
    long captured = MonotonicClock.millis() - 40;
    publish(Addresses.CAPTURE_STARTED, new CaptureStarted(captured));
    AgentEvent capture = take();
    assertThat(capture.type()).isEqualTo("capture.start");
    assertThat(capture.turn()).isNull();
    assertThat(capture.tMs()).isEqualTo(captured);
    assertThat(capture.fields()).isEmpty();
    assertThat(System.currentTimeMillis() - capture.ts()).as("wall clock of the fact").isBetween(40L, 60_000L);

    publish(Addresses.PLAYBACK_STARTED, new PlaybackStarted("t1", 1000));
    AgentEvent start = take();
    assertThat(start.type()).isEqualTo("audio.start");
    assertThat(start.turn()).isEqualTo("t1");
    assertThat(start.tMs()).isEqualTo(1000);
    assertThat(start.fields()).isEmpty();

    // A chunk played out and a turn stopped before any audio are not public events.
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 0, 900));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t0", 0, 0,
        new PlaybackProgress.Stop("cancelled", 0, false, 1100)));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 1, 2100,
        new PlaybackProgress.Stop("bargein", 2, true, 2200)));
    AgentEvent stop = take();
    assertThat(stop.type()).isEqualTo("audio.stop");
    assertThat(stop.turn()).isEqualTo("t1");
    assertThat(stop.tMs()).isEqualTo(2200);
    assertThat(stop.fields()).containsExactly(
        java.util.Map.entry("reason", "bargein"), java.util.Map.entry("underruns", 2),
        java.util.Map.entry("played_ms", 2100L), java.util.Map.entry("chunk", 1));

    publish(Addresses.INPUT_ENDED, new InputEnded(3000));
    AgentEvent end = take();
    assertThat(end.type()).isEqualTo("stt.input_end");
    assertThat(end.turn()).isNull();
    assertThat(end.tMs()).isEqualTo(3000);
    assertThat(end.fields()).isEmpty();
  }

  private static void publish(String base, Object message) {
    vertx.eventBus().publish(Addresses.scoped(base, SCOPE), message);
  }

  private static AgentEvent take() throws InterruptedException {
    AgentEvent event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("event within 5 s").isNotNull();
    return event;
  }
}
