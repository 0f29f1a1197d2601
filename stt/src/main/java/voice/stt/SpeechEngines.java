package voice.stt;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import voice.stt.sphinx.FrequentWords;
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

  /** PocketSphinx's vocabulary in the {@code small} profile: the likeliest words of its language model. */
  public static final int SMALL_VOCABULARY = 20_000;

  private final VoskInstall vosk;
  private final int sphinxVocabulary;
  private final Path cache;

  public SpeechEngines(VoskInstall vosk) {
    this(vosk, 0, null);
  }

  /**
   * {@code sphinxVocabulary} words for PocketSphinx (0: its whole dictionary), the cut dictionary
   * kept in {@code cache}.
   */
  public SpeechEngines(VoskInstall vosk, int sphinxVocabulary, Path cache) {
    this.vosk = vosk;
    this.sphinxVocabulary = sphinxVocabulary;
    this.cache = cache;
  }

  /**
   * Engines as configured by this process's environment, with pulled models in {@code modelsCache}
   * (null: none, and PocketSphinx's whole dictionary).
   * With {@code VOICE_AGENT_PROFILE=small} (which the launcher sets by itself on machines with 2 GB
   * or less) PocketSphinx knows only its {@link #SMALL_VOCABULARY} likeliest words: its decoder
   * then needs about 65 MB instead of 104.
   */
  public static SpeechEngines fromEnvironment(Path modelsCache) {
    boolean small = "small".equals(System.getenv("VOICE_AGENT_PROFILE")) && modelsCache != null;
    return new SpeechEngines(VoskInstall.fromEnvironment(modelsCache), small ? SMALL_VOCABULARY : 0,
        modelsCache == null ? null : modelsCache.resolve(".pocketsphinx"));
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
      default -> PocketSphinxRecognizer.open(pocketSphinxModel());
    };
  }

  private PocketSphinxModel pocketSphinxModel() {
    PocketSphinxModel model = PocketSphinxModel.debianEnUs();
    return sphinxVocabulary <= 0 ? model
        : model.withDictionary(FrequentWords.dictionary(model, sphinxVocabulary, cache));
  }
}
