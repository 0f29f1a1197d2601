package voice.tts;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.AudioChunk;
import voice.core.message.PlaybackProgress;
import voice.core.message.SynthesisStarted;
import voice.core.message.TextChunk;
import voice.core.message.TurnCancel;
import voice.core.stage.Stage;
import voice.tts.text.SpeakableText;

/**
 * Speaks the {@link TextChunk}s of one conversation ({@code scope}): chunk by chunk, in order,
 * on the executor handed in, at most {@value #AHEAD} chunks ahead of the chunk the sink is playing,
 * publishing every piece of audio as an {@link AudioChunk} as soon as the engine produced it.
 *
 * <p>All state lives on this verticle's event loop; the worker thread only synthesizes. A
 * cancelled turn's queued chunks are dropped, audio still coming from its in-flight synthesis
 * is discarded, and nothing of it is published after the cancel was handled.
 */
public final class TtsVerticle extends VerticleBase {
  /**
   * How many chunks synthesis may run ahead of the chunk being played (the one after the last
   * chunk reported done): with nothing played yet, chunks 0, 1 and 2 may be synthesized.
   */
  public static final int AHEAD = 2;
  private static final System.Logger LOG = System.getLogger(TtsVerticle.class.getName());

  private final SpeechEngine engine;
  private final Stage stage;
  private final Deque<TextChunk> queue = new ArrayDeque<>();
  private final Map<String, TurnProgress> turns = new HashMap<>();
  private final RecentSpeech recent = new RecentSpeech();
  private boolean synthesizing;
  /** The turn being synthesized now, and whether it was cancelled meanwhile. */
  private String inFlightTurn;
  private final AtomicBoolean inFlightCancelled = new AtomicBoolean();

  /**
   * {@code synthesis} runs the engine, one chunk at a time; the caller owns it and shuts it
   * down after undeploying.
   */
  public TtsVerticle(SpeechEngine engine, String scope, Executor synthesis) {
    this.engine = engine;
    this.stage = Stage.of(scope, synthesis);
  }

  @Override
  public Future<?> start() {
    Codecs.register(vertx);
    EventBus bus = vertx.eventBus();
    return Future.all(
        stage.turnConsumer(bus, Addresses.TTS_TEXT, TextChunk::turn, this::onText).completion(),
        stage.cancelConsumer(bus, cancel -> onCancel(cancel.turn())).completion(),
        stage.<PlaybackProgress>consumer(bus, Addresses.PLAYBACK_PROGRESS, this::onProgress).completion());
  }

  private void onText(TextChunk chunk) {
    turns.computeIfAbsent(chunk.turn(), turn -> new TurnProgress());
    queue.add(chunk);
    synthesizeNext();
  }

  private void onProgress(PlaybackProgress progress) {
    TurnProgress turn = turns.get(progress.turn());
    if (turn == null) {
      return;
    }
    if (progress.chunkDone()) {
      turn.lastPlayed = Math.max(turn.lastPlayed, progress.chunkIndex());
    }
    if (progress.stop() != null && !"done".equals(progress.stopReason())) {
      // The sink will play nothing more of this turn: synthesizing the rest is wasted.
      stage.cancel(new TurnCancel(progress.turn(), TurnCancel.Reason.valueOf(progress.stopReason())));
      onCancel(progress.turn());
    }
    synthesizeNext();
  }

  private void onCancel(String turn) {
    recent.cancelled(turn);
    if (turn.equals(inFlightTurn)) {
      // Makes the engine stop early instead of finishing audio nobody will hear.
      inFlightCancelled.set(true);
    }
    turns.remove(turn);
    queue.removeIf(chunk -> chunk.turn().equals(turn));
  }

  private void synthesizeNext() {
    TextChunk chunk = queue.peek();
    if (synthesizing || chunk == null || chunk.index() > turns.get(chunk.turn()).playing() + AHEAD) {
      return;
    }
    queue.poll();
    synthesizing = true;
    inFlightTurn = chunk.turn();
    inFlightCancelled.set(false);
    TurnProgress progress = turns.get(chunk.turn());
    int chunksAhead = chunk.index() - progress.playing();
    String text = progress.speakable.next(chunk.text());
    if (!text.isEmpty()) {
      publish(Addresses.SYNTHESIS_STARTED, new SynthesisStarted(chunk.turn(), chunk.index(), chunk.text(), text));
    }
    List<byte[]> known = recent.get(text);
    if (known != null) {
      for (int i = 0; i < known.size(); i++) {
        publishAudio(chunk, known.get(i), i == known.size() - 1);
      }
      chunkDone(chunk);
      return;
    }
    // Each piece is published when the next one exists, so the chunk's last piece can carry chunkEnd.
    AtomicReference<byte[]> held = new AtomicReference<>();
    List<byte[]> pieces = new ArrayList<>();
    AudioConsumer forward = pcm -> {
      if (inFlightCancelled.get()) {
        throw new CancellationException("turn " + chunk.turn() + " cancelled");
      }
      pieces.add(pcm);
      byte[] previous = held.getAndSet(pcm);
      if (previous != null) {
        context.runOnContext(v -> publishAudio(chunk, previous, false));
      }
    };
    Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> {
      try {
        engine.synthesize(text, forward, chunksAhead);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new CompletionException(e);
      }
      return held.get();
    }, stage.executor()), context).onComplete(done -> {
      // A cancelled turn, or the worker stopping at shutdown, is not a synthesis failure.
      Throwable cause = done.failed() ? unwrap(done.cause()) : null;
      if (cause != null && !(cause instanceof CancellationException) && !(cause instanceof InterruptedException)) {
        LOG.log(System.Logger.Level.WARNING, "speech synthesis failed, chunk " + chunk.index()
            + " of turn " + chunk.turn() + " skipped: " + cause);
      }
      publishAudio(chunk, done.succeeded() && done.result() != null ? done.result() : new byte[0], true);
      if (done.succeeded() && done.result() != null) {
        recent.put(chunk.turn(), text, pieces);
      }
      chunkDone(chunk);
    });
  }

  /** After a chunk's audio: the turn's end if it was the last, then the next chunk. */
  private void chunkDone(TextChunk chunk) {
    if (chunk.last() && !stage.isCancelled(chunk.turn())) {
      publish(Addresses.AUDIO_OUT, new AudioChunk(chunk.turn(), chunk.index(), engine.sampleRate(), Buffer.buffer(), false, true));
      turns.remove(chunk.turn());
    }
    synthesizing = false;
    inFlightTurn = null;
    synthesizeNext();
  }

  private void publishAudio(TextChunk chunk, byte[] pcm, boolean chunkEnd) {
    if (!stage.isCancelled(chunk.turn())) {
      publish(Addresses.AUDIO_OUT,
          new AudioChunk(chunk.turn(), chunk.index(), engine.sampleRate(), Buffer.buffer(pcm), chunkEnd, false));
    }
  }

  private void publish(String base, Object message) {
    stage.publish(vertx.eventBus(), base, message);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** What this verticle knows of one turn: how far the sink has played, and the turn's markdown state. */
  private static final class TurnProgress {
    int lastPlayed = -1;
    final SpeakableText speakable = new SpeakableText();

    int playing() {
      return lastPlayed + 1;
    }
  }
}
