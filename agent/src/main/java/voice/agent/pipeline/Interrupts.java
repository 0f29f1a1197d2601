package voice.agent.pipeline;

import sun.misc.Signal;

/**
 * Ctrl-C handling: the first SIGINT runs {@code onInterrupt} (stop the voice, cancel upstream,
 * exit non-zero) instead of killing the JVM mid-sentence.
 */
public final class Interrupts {
  private Interrupts() {}

  public static void onInterrupt(Runnable onInterrupt) {
    try {
      Signal.handle(new Signal("INT"), signal -> onInterrupt.run());
    } catch (IllegalArgumentException unsupported) {
      // No SIGINT on this platform: the default handling (JVM exit) applies.
    }
  }
}
