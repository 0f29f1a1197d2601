package voice.agent.server;

import java.util.function.BooleanSupplier;

/** Waits for something to become true, failing with a message after a generous bound (not a timing assertion). */
final class Eventually {
  private Eventually() {}

  static void await(String what, long maxSeconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + " after " + maxSeconds + " s");
      }
      Thread.sleep(20);
    }
  }
}
