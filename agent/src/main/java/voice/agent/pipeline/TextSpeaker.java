package voice.agent.pipeline;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.IOException;
import java.io.Reader;
import voice.core.bus.Addresses;
import voice.core.chunk.ChunkerOptions;
import voice.core.chunk.SentenceChunker;
import voice.core.io.OsReason;
import voice.core.message.PlaybackProgress;
import voice.core.message.TextChunk;
import voice.core.message.TurnDone;

/**
 * Speaks text from a {@link Reader} as one turn ({@code say}, {@code say < notes.txt}): a
 * thread the pipeline hands out reads it piece by piece through the sentence chunker and hands
 * the chunks to the orchestrator ({@code voice.turn.say}), which speaks them as a turn like any
 * answer, at most {@value #WINDOW} ahead of the chunk being played, so memory stays flat however
 * long the text is and a blocking read never holds an event loop.
 */
final class TextSpeaker {
  /** Chunks published ahead of the one playing: more than synthesis runs ahead, so it never waits for text. */
  static final int WINDOW = 4;
  private static final int READ_CHARS = 4096;

  private final EventBus bus;
  private final String turn;
  private final String textAddress;
  private final Promise<String> played = Promise.promise();
  private final Object lock = new Object();
  private int lastPlayed = -1;
  private boolean stopped;

  private TextSpeaker(EventBus bus, String turn, String textAddress) {
    this.bus = bus;
    this.turn = turn;
    this.textAddress = textAddress;
  }

  /** Completes with how the turn ended: {@code done}, {@code cancelled}, {@code error}... */
  static Future<String> speak(VoicePipeline pipeline, String turn, Reader text) {
    EventBus bus = pipeline.vertx().eventBus();
    TextSpeaker speaker = new TextSpeaker(bus, turn, Addresses.scoped(Addresses.SAY_TEXT, pipeline.scope()));
    MessageConsumer<PlaybackProgress> progress =
        bus.consumer(Addresses.scoped(Addresses.PLAYBACK_PROGRESS, pipeline.scope()), m -> speaker.onProgress(m.body()));
    MessageConsumer<TurnDone> done = bus.consumer(Addresses.scoped(Addresses.TURN_DONE, pipeline.scope()));
    done.handler(m -> {
      if (m.body().turn().equals(turn)) {
        speaker.stop();
        progress.unregister();
        done.unregister();
        speaker.played.tryComplete(m.body().outcome());
      }
    });
    Future.all(progress.completion(), done.completion())
        .onSuccess(v -> pipeline.threads().single("say-text").execute(() -> speaker.readAll(text)));
    return speaker.played.future();
  }

  private void onProgress(PlaybackProgress progress) {
    if (!progress.turn().equals(turn)) {
      return;
    }
    synchronized (lock) {
      if (progress.chunkDone()) {
        lastPlayed = Math.max(lastPlayed, progress.chunkIndex());
      }
      if (progress.stop() != null) {
        stopped = true;
      }
      lock.notifyAll();
    }
  }

  private void stop() {
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
    }
  }

  private void readAll(Reader text) {
    SentenceChunker chunker = new SentenceChunker(ChunkerOptions.defaults());
    char[] buffer = new char[READ_CHARS];
    int index = 0;
    try {
      for (int n = text.read(buffer); n >= 0; n = text.read(buffer)) {
        for (String chunk : chunker.feed(new String(buffer, 0, n))) {
          if (!publish(index++, chunk, false)) {
            return;
          }
        }
      }
    } catch (IOException e) {
      // What was read is still spoken; the turn ends where the text broke off.
      System.err.println("voice-agent: stopped reading the text: " + OsReason.of(e));
    }
    for (String chunk : chunker.flush()) {
      if (!publish(index++, chunk, false)) {
        return;
      }
    }
    publish(index, "", true);
  }

  /** Waits until chunk {@code index} is within the window; false when the turn stopped meanwhile. */
  private boolean publish(int index, String text, boolean last) {
    synchronized (lock) {
      while (!stopped && index > lastPlayed + WINDOW) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      if (stopped) {
        return false;
      }
    }
    bus.publish(textAddress, new TextChunk(turn, index, text, last));
    return true;
  }
}
