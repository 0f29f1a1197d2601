package voice.stt;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;
import voice.stt.vosk.VoskInstall;
import voice.stt.vosk.VoskRecognizer;

/**
 * Makes the recognizer the user asked for: {@code vosk}, {@code pocketsphinx}, or {@code auto}
 * (Vosk when a model is given or installed, else PocketSphinx). Failures are
 * {@link SpeechEngineUnavailable} with one line saying how to install what is missing.
 */
public final class SpeechEngines {
  /** The engines {@code --stt} accepts. */
  public enum Choice {
    AUTO, VOSK, POCKETSPHINX;

    /** Parses {@code auto|vosk|pocketsphinx}, any case. */
    public static Choice parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SpeechEngineUnavailable(
            "unknown speech engine '" + name + "': use auto, vosk or pocketsphinx");
      }
    }
  }

  private final VoskInstall vosk;

  public SpeechEngines(VoskInstall vosk) {
    this.vosk = vosk;
  }

  /** Engines as configured by this process's environment, with pulled models in {@code modelsCache}. */
  public static SpeechEngines fromEnvironment(Path modelsCache) {
    return new SpeechEngines(VoskInstall.fromEnvironment(modelsCache));
  }

  /** The engine {@code choice} resolves to, without starting it. */
  public Choice resolve(Choice choice, Path voskModel) {
    if (choice != Choice.AUTO) {
      return choice;
    }
    Optional<Path> model = vosk.modelDir(voskModel);
    return model.isPresent() ? Choice.VOSK : Choice.POCKETSPHINX;
  }

  /**
   * Starts a recognizer; {@code voskModel} may be null (then {@code VOSK_MODEL} or the models
   * cache is used).
   */
  public Recognizer open(Choice choice, Path voskModel) {
    return switch (resolve(choice, voskModel)) {
      case VOSK -> VoskRecognizer.open(voskModel, vosk);
      default -> PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
    };
  }
}
