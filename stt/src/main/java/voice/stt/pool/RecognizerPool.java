package voice.stt.pool;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import voice.stt.Recognizer;

/**
 * Speech decoders shared by many conversations. A decoder costs about 100 MB of resident memory
 * but works only while someone speaks, so a session holds one only from the start of an
 * utterance to its final result ({@link #lease()} gives each session a {@link Recognizer} that
 * borrows and returns one at those moments). One decoder decodes one utterance at a time, so the
 * audio of one session never reaches a decoder another session is using.
 *
 * <p>Decoders are opened when first needed, up to {@link #size()}; the first opens at once, so a
 * missing model fails at construction. A session that finds none free keeps its utterance's audio
 * and decodes it once one is free; at the utterance's end it waits at most {@code wait}.
 */
public final class RecognizerPool implements AutoCloseable {
  /** How long the end of an utterance waits for a decoder before the utterance is dropped. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  private final Supplier<Recognizer> opener;
  private final int size;
  private final Duration wait;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition returned = lock.newCondition();
  private final Deque<Recognizer> idle = new ArrayDeque<>();
  private final List<Recognizer> all = new ArrayList<>();
  private int waiting;
  private int opening;
  private boolean closed;

  /**
   * @param opener opens one decoder (e.g. {@code SpeechEngines.open}); called at most {@code size} times
   * @param size the most decoders open at once
   * @param wait how long an utterance's end waits for a decoder
   */
  public RecognizerPool(Supplier<Recognizer> opener, int size, Duration wait) {
    if (size < 1) {
      throw new IllegalArgumentException("a pool needs at least one recognizer, was " + size);
    }
    this.opener = opener;
    this.size = size;
    this.wait = wait;
    Recognizer first = opener.get();
    all.add(first);
    idle.add(first);
  }

  /** One decoder per core: decoding is CPU-bound, so more would only take turns. */
  public static RecognizerPool sizedToCores(Supplier<Recognizer> opener) {
    return new RecognizerPool(opener, Runtime.getRuntime().availableProcessors(), DEFAULT_WAIT);
  }

  /** A recognizer for one session, holding a decoder only inside an utterance; close it with the session. */
  public Recognizer lease() {
    return new PooledRecognizer(this, engineName());
  }

  public int size() {
    return size;
  }

  /** Decoders held by sessions now. */
  public int inUse() {
    lock.lock();
    try {
      return all.size() - idle.size();
    } finally {
      lock.unlock();
    }
  }

  /** Sessions waiting now for a decoder at the end of an utterance. */
  public int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  Duration waitLimit() {
    return wait;
  }

  /** A free decoder, opening one if the pool is not full yet; null if none is free. */
  Recognizer tryAcquire() {
    lock.lock();
    try {
      Recognizer decoder = takeIdle();
      if (decoder != null || !reserveNew()) {
        return decoder;
      }
    } finally {
      lock.unlock();
    }
    return openReserved();
  }

  /** A free decoder, waiting up to the pool's limit; null if none became free. */
  Recognizer acquire() throws InterruptedException {
    long left = wait.toNanos();
    lock.lock();
    try {
      waiting++;
      try {
        for (;;) {
          Recognizer decoder = takeIdle();
          if (decoder != null) {
            return decoder;
          }
          if (reserveNew()) {
            break;
          }
          if (left <= 0) {
            return null;
          }
          left = returned.awaitNanos(left);
        }
      } finally {
        waiting--;
      }
    } finally {
      lock.unlock();
    }
    return openReserved();
  }

  void release(Recognizer decoder) {
    lock.lock();
    try {
      if (closed) {
        decoder.close();
        return;
      }
      idle.push(decoder); // the most recently used first: its memory is warm
      returned.signal();
    } finally {
      lock.unlock();
    }
  }

  private Recognizer takeIdle() {
    if (closed) {
      throw new IllegalStateException("the recognizer pool is closed");
    }
    return idle.poll();
  }

  /** Claims room for one more decoder, if the pool is not full (call holding the lock). */
  private boolean reserveNew() {
    if (all.size() + opening >= size) {
      return false;
    }
    opening++;
    return true;
  }

  /** Opens a claimed decoder outside the lock: it takes about a third of a second, others go on. */
  private Recognizer openReserved() {
    Recognizer decoder = null;
    try {
      decoder = opener.get();
      return decoder;
    } finally {
      lock.lock();
      try {
        opening--;
        if (decoder != null) {
          all.add(decoder);
        } else {
          returned.signal(); // the room is free again for a waiting session
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private String engineName() {
    lock.lock();
    try {
      return all.get(0).engine();
    } finally {
      lock.unlock();
    }
  }

  /** Closes the idle decoders now and the held ones as they come back. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      idle.forEach(Recognizer::close);
      idle.clear();
      returned.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
