package voice.audio.out;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioChunk;
import voice.core.message.PlaybackAudio;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;
import voice.core.message.TurnCancel;
import voice.core.stage.Stage;

/**
 * The one task that talks to the sink, run on the executor handed to the playback stage. It writes audio in pieces of about 20 ms and looks
 * for cancels between pieces, so a cancel flushes the sink within one piece. "Played" is the
 * sink's position ({@link AudioSink#playedFrames}), polled every 10 ms while anything waits
 * to be reported; if a device's position never reaches the end of a turn, the turn is drained
 * once its expected end has passed by {@link #DRAIN_GRACE_NANOS}. Every piece written, and every
 * flush, is also reported as {@link PlaybackAudio} with when it sounds ({@link DeviceTimeline}):
 * the echo canceller's reference.
 */
final class PlaybackWriter implements Runnable {
  static final Object WAKE = new Object();
  private static final Logger LOG = LoggerFactory.getLogger(PlaybackWriter.class);
  private static final long POLL_MS = 10;
  private static final long IDLE_POLL_MS = 50;
  private static final long DRAIN_GRACE_NANOS = 250_000_000L;

  private final AudioSink sink;
  private final BlockingDeque<Object> queue;
  private final Stage stage;
  private final Consumer<PlaybackStarted> started;
  private final Consumer<PlaybackProgress> progress;
  private final Consumer<PlaybackAudio> audio;
  private final DeviceTimeline timeline = new DeviceTimeline();
  private final Map<String, TurnPlayback> turns = new LinkedHashMap<>();
  private final ArrayDeque<PlaybackMark> marks = new ArrayDeque<>();
  private volatile boolean running = true;
  private int openRate;
  private long written;

  PlaybackWriter(AudioSink sink, BlockingDeque<Object> queue, Stage stage,
      Consumer<PlaybackStarted> started, Consumer<PlaybackProgress> progress, Consumer<PlaybackAudio> audio) {
    this.sink = sink;
    this.queue = queue;
    this.stage = stage;
    this.started = started;
    this.progress = progress;
    this.audio = audio;
  }

  void stop() {
    running = false;
    queue.offerFirst(WAKE);
  }

  @Override
  public void run() {
    try {
      while (running) {
        Object item = next();
        if (item instanceof AudioChunk chunk && !stage.isCancelled(chunk.turn())) {
          play(chunk);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the next message, reporting what gets played and noticing dry spells meanwhile. */
  private Object next() throws InterruptedException {
    while (running) {
      stopCancelledTurns();
      reportPlayed();
      noticeDrySpells();
      boolean busy = !marks.isEmpty() || turns.values().stream().anyMatch(t -> t.started);
      Object item = queue.poll(busy ? POLL_MS : IDLE_POLL_MS, TimeUnit.MILLISECONDS);
      if (item != null) {
        return item;
      }
      noticeDrySpells();
    }
    return null;
  }

  private void play(AudioChunk chunk) {
    TurnPlayback turn = turns.computeIfAbsent(chunk.turn(), id -> new TurnPlayback(id, chunk.sampleRate()));
    if (turn.stopped || turn.lastWritten) {
      return;
    }
    try {
      if (chunk.sampleRate() != openRate) {
        reopen(chunk.sampleRate());
      }
      noticeDrySpells();
      byte[] pcm = chunk.pcm().getBytes();
      int piece = Math.max(2, chunk.sampleRate() / 50 * 2);
      for (int off = 0; off < pcm.length - 1; off += piece) {
        if (stopCancelledTurns() && turn.stopped) {
          return;
        }
        if (!turn.started) {
          turn.started = true;
          turn.startFrame = written;
          started.accept(new PlaybackStarted(turn.turn, MonotonicClock.millis()));
        }
        turn.chunkStartsAt(chunk.index(), written);
        int n = Math.min(piece, (pcm.length - off) & ~1);
        long frame = written;
        boolean dry = sink.realtime() && sink.playedFrames() >= written;
        sink.write(pcm, off, n);
        written += n / 2;
        long at = timeline.written(frame, n / 2, dry, sink, written);
        audio.accept(new PlaybackAudio(turn.turn, openRate, frame, at, chunk.pcm().slice(off, off + n)));
        turn.endFrame = written;
        turn.dry = false;
        reportPlayed();
      }
    } catch (RuntimeException e) {
      LOG.warn("playback failed: {}", e.getMessage());
      stage.cancel(new TurnCancel(turn.turn, TurnCancel.Reason.error));
      stopCancelledTurns();
      return;
    }
    if (chunk.chunkEnd()) {
      marks.add(new PlaybackMark(turn, chunk.index(), written, false));
    }
    if (chunk.last()) {
      turn.lastWritten = true;
      long pending = Math.max(0, written - sink.playedFrames());
      turn.doneDeadlineNanos = System.nanoTime() + pending * 1_000_000_000L / openRate + DRAIN_GRACE_NANOS;
      marks.add(new PlaybackMark(turn, chunk.index(), written, true));
    }
  }

  private void reopen(int rate) {
    if (openRate != 0) {
      sink.drain();
      reportAll();
    }
    sink.open(rate);
    openRate = rate;
    written = 0;
    timeline.reopen(rate);
  }

  /** Flushes and reports every cancelled turn that is still playing; true if one was. */
  private boolean stopCancelledTurns() {
    boolean any = false;
    for (Iterator<TurnPlayback> it = turns.values().iterator(); it.hasNext(); ) {
      TurnPlayback turn = it.next();
      TurnCancel.Reason reason = stage.cancelReason(turn.turn);
      if (reason == null) {
        continue;
      }
      any = true;
      long played = written;
      if (turn.started && openRate != 0) {
        try {
          sink.flush();
          played = Math.min(written, sink.playedFrames());
          audio.accept(new PlaybackAudio(turn.turn, openRate, played, timeline.flushedAt(), Buffer.buffer()));
        } catch (RuntimeException e) {
          LOG.warn("flushing the sink failed: {}", e.getMessage());
        }
        written = played;
      }
      marks.removeIf(m -> m.turn() == turn);
      finish(turn, reason.name(), turn.chunkAt(played), turn.playedMs(played));
      it.remove();
    }
    return any;
  }

  private void reportPlayed() {
    if (marks.isEmpty()) {
      return;
    }
    long played = sink.playedFrames();
    PlaybackMark first = marks.peekFirst();
    if (first.turnEnd() && played < first.frame() && queue.isEmpty()
        && System.nanoTime() > first.turn().doneDeadlineNanos) {
      sink.drain(); // the device's position did not reach the end: wait for the line instead
      played = written;
    }
    while (!marks.isEmpty() && marks.peekFirst().frame() <= played) {
      report(marks.pollFirst());
    }
  }

  private void reportAll() {
    while (!marks.isEmpty()) {
      report(marks.pollFirst());
    }
  }

  private void report(PlaybackMark mark) {
    TurnPlayback turn = mark.turn();
    long playedMs = turn.playedMs(mark.frame());
    if (mark.turnEnd()) {
      finish(turn, "done", mark.chunkIndex(), playedMs);
      turns.remove(turn.turn);
    } else {
      progress.accept(PlaybackProgress.chunkDone(turn.turn, mark.chunkIndex(), playedMs));
    }
  }

  private void finish(TurnPlayback turn, String reason, int chunkIndex, long playedMs) {
    turn.stopped = true;
    progress.accept(PlaybackProgress.stopped(turn.turn, chunkIndex, playedMs,
        new PlaybackProgress.Stop(reason, turn.underruns, turn.started, MonotonicClock.millis())));
  }

  /** An underrun: a started, unfinished turn whose audio the sink has played to the end. */
  private void noticeDrySpells() {
    if (!sink.realtime()) {
      return;
    }
    for (TurnPlayback turn : turns.values()) {
      if (turn.started && !turn.lastWritten && !turn.dry && turn.endFrame == written
          && sink.playedFrames() >= written) {
        turn.dry = true;
        turn.underruns++;
      }
    }
  }
}
