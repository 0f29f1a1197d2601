package voice.core.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads of one pipeline's blocking work, owned by whoever wires the pipeline: it makes
 * one executor per stage that blocks ({@link #single}) and shuts them all down once the stages
 * are undeployed ({@link #close}). Threads are daemons, so a forgotten pipeline never keeps the
 * process alive.
 */
public final class StageThreads implements AutoCloseable {
  private final String scope;
  private final List<ExecutorService> executors = new ArrayList<>();

  public StageThreads(String scope) {
    this.scope = scope == null ? "" : scope;
  }

  /** A new executor with one thread, named {@code voice-<what>[-scope]}. */
  public synchronized ExecutorService single(String what) {
    String name = "voice-" + what + (scope.isEmpty() ? "" : "-" + scope);
    ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    });
    executors.add(executor);
    return executor;
  }

  /** Lets every stage's running work finish, and takes no new work; call after undeploying the stages. */
  @Override
  public synchronized void close() {
    executors.forEach(ExecutorService::shutdown);
    executors.clear();
  }
}
