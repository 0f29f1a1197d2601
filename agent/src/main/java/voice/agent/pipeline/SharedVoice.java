package voice.agent.pipeline;

import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import voice.agent.UserError;
import voice.tts.SpeechEngine;
import voice.tts.mary.MaryTtsEngine;

/**
 * The process's one synthesizer, started here for every command, the server and the benchmarks:
 * MaryTTS loads once per process and serves every conversation.
 */
public final class SharedVoice {
  private static volatile boolean prefetched;

  private SharedVoice() {}

  /**
   * Starts MaryTTS on first call (about two seconds) and warms it up, so that the first answer
   * of a server or a conversation is as quick as the next; a voice that cannot load is one line.
   */
  public static SpeechEngine start() {
    return started(MaryTtsEngine::start);
  }

  /**
   * Starts MaryTTS without the warm-up: for one-off commands ({@code say}, {@code ask}), whose
   * first sentence starts the rest of MaryTTS while the model is already being asked.
   */
  public static SpeechEngine startCold() {
    return started(MaryTtsEngine::startCold);
  }

  /**
   * Begins loading MaryTTS on another thread while the caller sets up the rest; {@link #start}
   * and {@link #startCold} pick it up. Called once a command's input has been checked.
   */
  public static void prefetch() {
    // Logging starts here first: MaryTTS logs as it loads, and SLF4J starting on two threads at
    // once would print a warning about "replayed" calls.
    LoggerFactory.getILoggerFactory();
    prefetched = true;
    MaryTtsEngine.startInBackground();
  }

  /** Waits for a {@link #prefetch} still loading: the process may exit only after it. */
  public static void settle() {
    if (!prefetched) {
      return;
    }
    try {
      MaryTtsEngine.awaitBackgroundStart();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SpeechEngine started(Supplier<MaryTtsEngine> start) {
    try {
      return start.get();
    } catch (RuntimeException e) {
      throw new UserError("cannot start the MaryTTS voice: " + e.getMessage());
    }
  }
}
