package voice.audio.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.event.EventProjector;
import voice.core.message.AudioChunk;
import voice.core.message.PlaybackAudio;
import voice.core.message.PlaybackProgress;
import voice.core.message.TurnCancel;
import voice.core.stage.StageThreads;

/** A PlaybackVerticle on a real event bus: push messages in, take events and progress out. */
final class PlaybackHarness implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final String scope;
  private final StageThreads threads;
  final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
  final BlockingQueue<PlaybackProgress> progress = new LinkedBlockingQueue<>();
  final BlockingQueue<PlaybackAudio> written = new LinkedBlockingQueue<>();

  PlaybackHarness(AudioSink sink, String scope) throws Exception {
    this.scope = scope;
    this.threads = new StageThreads(scope);
    Codecs.register(vertx);
    // Only the playback's own events: the projector also reports the cancels the tests send (turn.*).
    vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> {
      if (m.body().type().startsWith("audio.")) {
        events.add(m.body());
      }
    });
    vertx.eventBus().<PlaybackProgress>consumer(Addresses.scoped(Addresses.PLAYBACK_PROGRESS, scope),
        m -> progress.add(m.body()));
    vertx.eventBus().<PlaybackAudio>consumer(Addresses.scoped(Addresses.PLAYBACK_AUDIO, scope), m -> written.add(m.body()));
    // The public events come from the projector at the edge, as in the application.
    vertx.deployVerticle(new EventProjector(scope)).await(10, TimeUnit.SECONDS);
    vertx.deployVerticle(new PlaybackVerticle(sink, scope, threads.single("playback"))).await(10, TimeUnit.SECONDS);
  }

  void chunk(String turn, int index, int rate, short[] samples, boolean chunkEnd, boolean last) {
    Buffer pcm = Buffer.buffer(voice.audio.Signals.bytes(samples));
    vertx.eventBus().publish(Addresses.scoped(Addresses.AUDIO_OUT, scope),
        new AudioChunk(turn, index, rate, pcm, chunkEnd, last));
  }

  void cancel(String turn, TurnCancel.Reason reason) {
    vertx.eventBus().publish(Addresses.scoped(Addresses.TURN_CANCEL, scope), new TurnCancel(turn, reason));
  }

  void publish(String base, Object message) {
    vertx.eventBus().publish(Addresses.scoped(base, scope), message);
  }

  AgentEvent event(String type) throws InterruptedException {
    AgentEvent e = events.poll(20, TimeUnit.SECONDS);
    assertThat(e).as("waiting for %s", type).isNotNull();
    assertThat(e.type()).isEqualTo(type);
    return e;
  }

  PlaybackProgress progress(Predicate<PlaybackProgress> wanted) throws InterruptedException {
    PlaybackProgress p = progress.poll(20, TimeUnit.SECONDS);
    assertThat(p).as("waiting for playback progress").isNotNull();
    assertThat(wanted).as("progress %s", p).accepts(p);
    return p;
  }

  /** The first piece reported written that {@code wanted} accepts (earlier ones are taken). */
  PlaybackAudio written(Predicate<PlaybackAudio> wanted) throws InterruptedException {
    for (PlaybackAudio a = written.poll(20, TimeUnit.SECONDS); a != null; a = written.poll(20, TimeUnit.SECONDS)) {
      if (wanted.test(a)) {
        return a;
      }
    }
    throw new AssertionError("no such piece was reported written");
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    threads.close();
  }
}
