package voice.agent.pipeline;

import sun.misc.Signal;

/**
 * Ctrl-C handling: the first SIGINT (or SIGTERM, as {@code kill} and service managers send)
 * runs {@code onInterrupt} (stop the voice, cancel upstream, finish the output file, exit
 * non-zero) instead of killing the JVM mid-sentence.
 */
public final class Interrupts {
  private Interrupts() {}

  public static void onInterrupt(Runnable onInterrupt) {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), signal -> onInterrupt.run());
      } catch (IllegalArgumentException unsupported) {
        // No such signal on this platform: the default handling (JVM exit) applies.
      }
    }
  }
}
