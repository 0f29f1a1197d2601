package voice.agent.pipeline;

import voice.agent.UserError;
import voice.tts.SpeechEngine;
import voice.tts.mary.MaryTtsEngine;

/**
 * The process's one synthesizer, started here for every command, the server and the benchmarks:
 * MaryTTS loads once per process and serves every conversation.
 */
public final class SharedVoice {
  private SharedVoice() {}

  /** Starts MaryTTS on first call (about a second); a voice that cannot load is one line. */
  public static SpeechEngine start() {
    try {
      return MaryTtsEngine.start();
    } catch (RuntimeException e) {
      throw new UserError("cannot start the MaryTTS voice: " + e.getMessage());
    }
  }
}
