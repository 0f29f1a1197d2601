package voice.models;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * Closes a download stream that has sent nothing for too long, so a stalled server ends the
 * pull with an error instead of hanging it (the JDK client has no read timeout).
 */
final class StallWatch implements Closeable {
  private final Thread watcher;
  private volatile long lastAlive = System.nanoTime();
  private volatile boolean done;
  private volatile boolean stalled;

  StallWatch(Closeable stream, Duration timeout) {
    long limit = timeout.toNanos();
    watcher = new Thread(() -> {
      while (!done) {
        try {
          Thread.sleep(Math.max(1, Math.min(1000, timeout.toMillis())));
        } catch (InterruptedException e) {
          return;
        }
        if (!done && System.nanoTime() - lastAlive > limit) {
          stalled = true;
          try {
            stream.close();
          } catch (IOException ignored) {
            // closing is the whole point; the reader sees the failure
          }
          return;
        }
      }
    }, "model-download-stall-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** True once the stream was closed for sending nothing: its end is not the file's end. */
  boolean stalled() {
    return stalled;
  }

  void alive() {
    lastAlive = System.nanoTime();
  }

  @Override
  public void close() {
    done = true;
    watcher.interrupt();
  }
}
