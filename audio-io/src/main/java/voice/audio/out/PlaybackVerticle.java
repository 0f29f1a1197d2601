package voice.audio.out;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingDeque;
import voice.core.bus.Addresses;
import voice.core.message.AudioChunk;
import voice.core.message.PlaybackAudio;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.TurnCancel;
import voice.core.message.TurnCommit;
import voice.core.message.TurnSpeculation;
import voice.core.stage.Stage;

/**
 * Plays the {@link AudioChunk}s of a conversation on an {@link AudioSink}. The event loop only
 * queues; one task on the executor handed in writes (see {@link PlaybackWriter}). Publishes
 * {@link PlaybackStarted} when a turn's audio starts and {@link PlaybackProgress} as chunks are
 * played out and when a turn's audio stops, and {@link PlaybackAudio} for every piece it writes to
 * the device (the echo canceller's reference). A {@link TurnCancel} flushes the sink if that turn is
 * playing, drops its queued audio and makes later audio of the turn ignored. The audio of a
 * speculative turn ({@link TurnSpeculation}) is held until its {@link TurnCommit}.
 *
 * <p>The sink is opened at the first chunk's rate (and reopened when a turn has another rate)
 * and closed when the verticle is undeployed; audio still queued then is not played, so wait
 * for the turn's stopped {@link PlaybackProgress} first.
 */
public final class PlaybackVerticle extends VerticleBase {
  /** Queued buffers at most; synthesis runs only a couple of chunks ahead, so this is slack. */
  static final int QUEUE_CAPACITY = 4096;

  private final AudioSink sink;
  private final Stage stage;
  private final BlockingDeque<Object> queue = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
  /** Audio of speculative turns, held until the turn is committed (dropped if it is cancelled). */
  private final Map<String, List<AudioChunk>> held = new HashMap<>();
  private PlaybackWriter writer;
  private CompletableFuture<Void> writing;

  /**
   * {@code writerThread} runs the writer for the verticle's whole life: give it a thread of its
   * own (a single-thread executor), which the caller shuts down after undeploying.
   */
  public PlaybackVerticle(AudioSink sink, String scope, Executor writerThread) {
    this.sink = sink;
    this.stage = Stage.of(scope, writerThread);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    writer = new PlaybackWriter(sink, queue, stage,
        (PlaybackStarted s) -> stage.publish(bus, Addresses.PLAYBACK_STARTED, s),
        (PlaybackProgress p) -> stage.publish(bus, Addresses.PLAYBACK_PROGRESS, p),
        (PlaybackAudio a) -> stage.publish(bus, Addresses.PLAYBACK_AUDIO, a));
    writing = CompletableFuture.runAsync(writer, stage.executor());
    MessageConsumer<AudioChunk> audio = stage.turnConsumer(bus, Addresses.AUDIO_OUT, AudioChunk::turn, this::onChunk);
    MessageConsumer<TurnCancel> cancels = stage.cancelConsumer(bus, this::onCancel);
    MessageConsumer<TurnSpeculation> holds = stage.consumer(bus, Addresses.TURN_SPECULATIVE,
        (TurnSpeculation s) -> held.putIfAbsent(s.turn(), new ArrayList<>()));
    MessageConsumer<TurnCommit> commits = stage.consumer(bus, Addresses.TURN_COMMIT, this::onCommit);
    return Future.all(List.of(audio.completion(), cancels.completion(), holds.completion(), commits.completion()));
  }

  @Override
  public Future<?> stop() {
    writer.stop();
    return Future.fromCompletionStage(writing, context).transform(v -> vertx.executeBlocking(() -> {
      sink.close();
      return null;
    }));
  }

  private void onChunk(AudioChunk chunk) {
    List<AudioChunk> waiting = held.get(chunk.turn());
    if (waiting != null) {
      waiting.add(chunk); // speculative: heard only once the user's turn is over
      return;
    }
    enqueue(chunk);
  }

  private void onCommit(TurnCommit commit) {
    List<AudioChunk> waiting = held.remove(commit.turn());
    if (waiting != null) {
      waiting.forEach(this::enqueue);
    }
  }

  private void enqueue(AudioChunk chunk) {
    if (!queue.offerLast(chunk)) {
      // Only a runaway producer gets here; stop that turn rather than block the event loop.
      TurnCancel overflow = new TurnCancel(chunk.turn(), TurnCancel.Reason.error);
      stage.cancel(overflow);
      onCancel(overflow);
    }
  }

  private void onCancel(TurnCancel cancel) {
    held.remove(cancel.turn());
    queue.removeIf(item -> item instanceof AudioChunk c && c.turn().equals(cancel.turn()));
    queue.offerFirst(PlaybackWriter.WAKE);
  }
}
