package voice.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.pipeline.AudioInput;
import voice.agent.pipeline.Listening;
import voice.stt.Recognizer;
import voice.stt.SpeechEngineUnavailable;
import voice.stt.SttOptions;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.wake.WakeWordDetector;
import voice.stt.wake.WakeWordSettings;
import voice.stt.wake.WakeWordVerticle;

/** {@code --wake-word} and its settings: a device in a room answers only when it is addressed. */
public final class WakeWordOptions {
  @Option(names = "--wake-word", paramLabel = "PHRASE",
      description = "Answer only when addressed: speech that follows this phrase (e.g. \"hey computer\"), speech during an answer, and speech in the follow-up window after it.")
  String phrase;

  @Option(names = "--wake-threshold", paramLabel = "T",
      description = "Wake-word threshold from 1e-50 to 1 (default 1e-20): smaller wakes more readily, and falsely more often.")
  Double threshold;

  @Option(names = "--follow-up", paramLabel = "SECONDS",
      description = "After an answer, speech starting within this many seconds needs no wake word (default 6; 0: always say it).")
  Double followUpS;

  /** The settings, checked before anything starts (a bad value exits 2); null without {@code --wake-word}. */
  public WakeWordSettings settings() {
    if (phrase == null) {
      if (threshold != null || followUpS != null) {
        throw new UserError("--wake-threshold and --follow-up need --wake-word", 2);
      }
      return null;
    }
    double followUp = followUpS == null ? WakeWordSettings.DEFAULT_FOLLOW_UP_MS / 1000.0 : followUpS;
    try {
      return new WakeWordSettings(phrase, threshold == null ? WakeWordSettings.DEFAULT_THRESHOLD : threshold,
          Math.round(followUp * 1000));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), 2);
    }
  }

  /** Loads the wake-word detector (blocking); a phrase with unknown words exits 2. */
  public static WakeWordDetector detector(WakeWordSettings settings) {
    try {
      return WakeWordDetector.open(settings, model());
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), 2);
    }
  }

  /**
   * The listening half: {@code recognizer} hearing {@code audio} unchanged without a wake word,
   * else gated by it, with the wake-word stage deployed beside recognition.
   */
  public static Listening listening(Recognizer recognizer, WakeWordSettings settings, SttOptions options, AudioInput audio) {
    if (settings == null) {
      return Listening.of(recognizer, options, audio);
    }
    WakeWordVerticle wake = new WakeWordVerticle(settings, detector(settings), "");
    return Listening.of(wake.wrap(recognizer), options, audio).withStageBeside(wake);
  }

  private static PocketSphinxModel model() {
    try {
      return PocketSphinxModel.debianEnUs();
    } catch (SpeechEngineUnavailable e) {
      throw new UserError("the wake word needs PocketSphinx: " + e.getMessage());
    }
  }

  /** The line for a recording in which nothing was addressed to the device. */
  public static String nothingAddressed(WakeWordSettings settings, Path input) {
    return settings == null ? "no speech was heard in " + input + " (nothing to answer)"
        : "the wake word '" + settings.phrase() + "' was not heard in " + input + " (nothing to answer)";
  }
}
