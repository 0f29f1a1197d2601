package voice.stt.pool;

import java.util.Arrays;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;

/**
 * One session's view of a {@link RecognizerPool}: a decoder is borrowed when an utterance starts
 * and given back with its final result (or when the utterance is dropped, or the session closes).
 * While every decoder is busy the utterance's audio, pre-roll included, is kept here and decoded
 * as soon as one is free, at the latest when the utterance ends. Used by one thread, like any
 * {@link Recognizer}.
 */
final class PooledRecognizer implements Recognizer {
  /** A minute of audio at most is kept while waiting; an utterance is far shorter. */
  private static final int MAX_BACKLOG = 60 * 16_000;

  private final RecognizerPool pool;
  private final String engine;
  private Recognizer held;
  private boolean inUtterance;
  private short[] backlog = new short[16_000];
  private int backlogSize;
  private boolean closed;

  PooledRecognizer(RecognizerPool pool, String engine) {
    this.pool = pool;
    this.engine = engine;
  }

  @Override
  public String engine() {
    return engine;
  }

  @Override
  public void startUtterance() {
    ensureOpen();
    if (held == null) {
      held = pool.tryAcquire();
    }
    if (held != null) {
      held.startUtterance();
    }
    inUtterance = true;
    backlogSize = 0;
  }

  @Override
  public Hypothesis accept(short[] pcm16kMono, int off, int len) {
    if (!inUtterance) {
      startUtterance();
    }
    if (held == null && (held = pool.tryAcquire()) != null) {
      held.startUtterance();
      catchUp();
    }
    if (held == null) {
      keep(pcm16kMono, off, len);
      return Hypothesis.EMPTY;
    }
    return held.accept(pcm16kMono, off, len);
  }

  @Override
  public Hypothesis endUtterance() {
    if (!inUtterance) {
      return Hypothesis.EMPTY;
    }
    inUtterance = false;
    if (held == null) {
      held = waitForDecoder();
    }
    try {
      catchUp();
      return held.endUtterance();
    } finally {
      giveBack();
    }
  }

  /** Drops the utterance in progress; the decoder goes back to the pool as it is. */
  @Override
  public void reset() {
    inUtterance = false;
    backlogSize = 0;
    giveBack();
  }

  @Override
  public void close() {
    reset();
    closed = true;
  }

  /** The decoder held now, for tests; null outside an utterance or while waiting. */
  Recognizer held() {
    return held;
  }

  /** A decoder with a started utterance, or the kept audio is dropped and the failure said in one line. */
  private Recognizer waitForDecoder() {
    Recognizer decoder = null;
    try {
      decoder = pool.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (decoder == null) {
      long heardMs = backlogSize / 16;
      backlogSize = 0;
      throw new NoFreeRecognizer(pool.size(), pool.waitLimit().toMillis(), heardMs);
    }
    try {
      decoder.startUtterance();
    } catch (RuntimeException e) {
      pool.release(decoder);
      throw e;
    }
    return decoder;
  }

  private void catchUp() {
    if (backlogSize > 0) {
      held.accept(backlog, 0, backlogSize);
      backlogSize = 0;
    }
  }

  private void keep(short[] pcm, int off, int len) {
    int room = Math.min(len, MAX_BACKLOG - backlogSize);
    if (backlogSize + room > backlog.length) {
      backlog = Arrays.copyOf(backlog, Math.min(MAX_BACKLOG, Math.max(backlog.length * 2, backlogSize + room)));
    }
    System.arraycopy(pcm, off, backlog, backlogSize, room);
    backlogSize += room;
  }

  private void giveBack() {
    Recognizer decoder = held;
    held = null;
    if (decoder != null) {
      try {
        decoder.endUtterance(); // a half-heard utterance must not leak into the next session's
      } finally {
        pool.release(decoder);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("recognizer closed");
    }
  }
}
