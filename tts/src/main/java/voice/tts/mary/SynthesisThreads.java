package voice.tts.mary;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads MaryTTS synthesizes on, one per core, shared by every conversation of the process.
 * Waiting work is served by urgency, not arrival: a sentence someone is waiting to hear now
 * ({@code chunksAhead} 0) goes before one that will be heard after others still to be played,
 * and equals in arrival order. With many sessions answering at once, everyone's first sentence
 * then comes before anyone's third, and voice-to-voice time does not grow with the sessions'
 * later sentences.
 */
final class SynthesisThreads {
  private final ThreadPoolExecutor pool;
  private final AtomicLong arrivals = new AtomicLong();

  SynthesisThreads(int count) {
    AtomicInteger made = new AtomicInteger();
    // Tasks are only ever queued through execute() below, so the queue holds Urgent tasks alone.
    pool = new ThreadPoolExecutor(count, count, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "voice-tts-marytts-" + made.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code work} when its turn comes, and waits for it. */
  <T> T run(int chunksAhead, Callable<T> work) throws Exception {
    Urgent<T> task = new Urgent<>(work, Math.max(0, chunksAhead), arrivals.getAndIncrement());
    pool.execute(task);
    try {
      return task.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** Tasks waiting for a thread. */
  int waiting() {
    return pool.getQueue().size();
  }

  void shutdownNow() {
    pool.shutdownNow();
  }

  private static final class Urgent<T> extends FutureTask<T> implements Comparable<Urgent<?>> {
    private final int chunksAhead;
    private final long arrival;

    Urgent(Callable<T> work, int chunksAhead, long arrival) {
      super(work);
      this.chunksAhead = chunksAhead;
      this.arrival = arrival;
    }

    @Override
    public int compareTo(Urgent<?> other) {
      int byUrgency = Integer.compare(chunksAhead, other.chunksAhead);
      return byUrgency != 0 ? byUrgency : Long.compare(arrival, other.arrival);
    }
  }
}
