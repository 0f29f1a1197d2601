package voice.agent.server.guard;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One answer's guardrail work, run in order on a small shared pool: the rules read the whole
 * answer, which is too much work for an event loop, but one answer's pieces must stay in order
 * and one answer needs no thread of its own.
 */
final class OrderedTasks {
  private static final Logger LOG = LoggerFactory.getLogger(OrderedTasks.class);
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2, task -> {
    Thread thread = new Thread(task, "voice-guardrails");
    thread.setDaemon(true);
    return thread;
  });

  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  void execute(Runnable task) {
    tasks.add(task);
    schedule();
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      POOL.execute(this::drain);
    }
  }

  private void drain() {
    try {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("guardrail task failed", e);
        }
      }
    } finally {
      scheduled.set(false);
      if (!tasks.isEmpty()) {
        schedule(); // a task added after the last poll but before the flag was cleared
      }
    }
  }
}
