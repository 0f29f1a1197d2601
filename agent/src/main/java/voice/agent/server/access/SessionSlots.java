package voice.agent.server.access;

import java.util.concurrent.atomic.AtomicInteger;

/** The cap on concurrent voice sessions. */
public final class SessionSlots {
  private final int max;
  private final AtomicInteger used = new AtomicInteger();

  /** @param max concurrent sessions; 0 or less for no cap */
  public SessionSlots(int max) {
    this.max = max;
  }

  /** Takes a slot; false when all are taken. */
  public boolean tryAcquire() {
    while (true) {
      int now = used.get();
      if (max > 0 && now >= max) {
        return false;
      }
      if (used.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }

  public void release() {
    used.updateAndGet(n -> Math.max(0, n - 1));
  }

  public int active() {
    return used.get();
  }

  public int max() {
    return max;
  }
}
