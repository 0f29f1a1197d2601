package voice.agent.pipeline;

import voice.agent.events.EventLogWriter;
import voice.audio.out.AudioSink;

/** What Ctrl-C or SIGTERM leaves behind: the events so far, and a playable file of what was said. */
public final class InterruptedOutput {
  /** The exit status of an interrupted run. */
  public static final int EXIT = 130;

  private InterruptedOutput() {}

  /** Closes {@code events} (may be null), keeps or drops the audio, says so on stderr, and halts the JVM. */
  public static void finishAndHalt(EventLogWriter events, AudioSink sink) {
    if (events != null) {
      events.close();
    }
    try {
      // What was spoken until now is kept, with a header that says how long it is.
      if (sink.playedFrames() > 0) {
        sink.close();
      } else {
        sink.discard();
      }
    } catch (RuntimeException e) {
      System.err.println("voice-agent: " + e.getMessage());
    }
    System.err.println("voice-agent: interrupted");
    System.err.flush();
    Runtime.getRuntime().halt(EXIT);
  }
}
