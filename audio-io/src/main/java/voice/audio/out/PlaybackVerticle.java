package voice.audio.out;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import voice.core.bus.Addresses;

import voice.core.message.AudioChunk;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.TurnCancel;

/**
 * Plays the {@link AudioChunk}s of a conversation on an {@link AudioSink}. The event loop only
 * queues; one dedicated thread writes (see {@link PlaybackWriter}). Publishes
 * {@link PlaybackStarted} when a turn's audio starts and {@link PlaybackProgress} as chunks are
 * played out and when a turn's audio stops. A {@link TurnCancel} flushes the sink if that turn is
 * playing, drops its queued audio and makes later audio of the turn ignored.
 *
 * <p>The sink is opened at the first chunk's rate (and reopened when a turn has another rate)
 * and closed when the verticle is undeployed; audio still queued then is not played, so wait
 * for the turn's stopped {@link PlaybackProgress} first.
 */
public final class PlaybackVerticle extends VerticleBase {
  /** Queued buffers at most; synthesis runs only a couple of chunks ahead, so this is slack. */
  static final int QUEUE_CAPACITY = 4096;
  private static final int REMEMBERED_CANCELS = 256;

  private final AudioSink sink;
  private final String scope;
  private final BlockingDeque<Object> queue = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
  private final Map<String, TurnCancel.Reason> cancelled = Collections.synchronizedMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TurnCancel.Reason> eldest) {
          return size() > REMEMBERED_CANCELS;
        }
      });
  private PlaybackWriter writer;
  private Thread thread;

  public PlaybackVerticle(AudioSink sink, String scope) {
    this.sink = sink;
    this.scope = scope;
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    String started = Addresses.scoped(Addresses.PLAYBACK_STARTED, scope);
    String progress = Addresses.scoped(Addresses.PLAYBACK_PROGRESS, scope);
    writer = new PlaybackWriter(sink, queue, cancelled,
        (PlaybackStarted s) -> bus.publish(started, s), (PlaybackProgress p) -> bus.publish(progress, p));
    thread = new Thread(writer, "voice-playback" + (scope == null || scope.isEmpty() ? "" : "-" + scope));
    thread.setDaemon(true);
    thread.start();
    MessageConsumer<AudioChunk> audio =
        bus.consumer(Addresses.scoped(Addresses.AUDIO_OUT, scope), m -> onChunk(m.body()));
    MessageConsumer<TurnCancel> cancels =
        bus.consumer(Addresses.scoped(Addresses.TURN_CANCEL, scope), m -> onCancel(m.body()));
    return Future.all(audio.completion(), cancels.completion());
  }

  @Override
  public Future<?> stop() {
    writer.stop();
    return vertx.executeBlocking(() -> {
      thread.join();
      sink.close();
      return null;
    });
  }

  private void onChunk(AudioChunk chunk) {
    if (cancelled.containsKey(chunk.turn())) {
      return;
    }
    if (!queue.offerLast(chunk)) {
      // Only a runaway producer gets here; stop that turn rather than block the event loop.
      onCancel(new TurnCancel(chunk.turn(), TurnCancel.Reason.error));
    }
  }

  private void onCancel(TurnCancel cancel) {
    cancelled.put(cancel.turn(), cancel.reason());
    queue.removeIf(item -> item instanceof AudioChunk c && c.turn().equals(cancel.turn()));
    queue.offerFirst(PlaybackWriter.WAKE);
  }
}
