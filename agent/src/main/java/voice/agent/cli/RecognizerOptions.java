package voice.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.config.OfflineModels;
import voice.stt.Recognizer;
import voice.stt.SpeechEngineUnavailable;
import voice.stt.SpeechEngines;

/** The speech-recognition options shared by chat, transcribe and serve. */
public final class RecognizerOptions {
  @Option(names = "--stt", paramLabel = "ENGINE", defaultValue = "auto",
      description = "auto (Vosk when a model is installed, else PocketSphinx), vosk or pocketsphinx.")
  String engine;

  @Option(names = "--vosk-model", paramLabel = "ID|DIR",
      description = "Vosk model: a catalogue id or a folder (default: VOSK_MODEL or the models cache).")
  String voskModel;

  /**
   * Checks the options now (an unknown engine exits 2, a catalogue id that is not installed names
   * the pull command) and returns what opens a recognizer, so every command fails the same way
   * before it starts anything costly. Each call of the supplier opens a new recognizer.
   */
  public Supplier<Recognizer> recognizers() {
    SpeechEngines.Choice choice = choice();
    OfflineModels models = OfflineModels.standard();
    Path model = modelFolder(models);
    SpeechEngines engines = models.speechEngines();
    return () -> {
      try {
        return engines.open(choice, model);
      } catch (SpeechEngineUnavailable e) {
        throw new UserError(e.getMessage());
      }
    };
  }

  private SpeechEngines.Choice choice() {
    try {
      return SpeechEngines.Choice.parse(engine);
    } catch (SpeechEngineUnavailable e) {
      throw new UserError(e.getMessage(), 2);
    }
  }

  /**
   * A folder (or anything written as a path) goes to the engine as given, whose message says what
   * is missing in it; a bare name is a catalogue id or a pulled model, looked up in the cache.
   */
  private Path modelFolder(OfflineModels models) {
    if (voskModel == null) {
      return null;
    }
    Path given = Path.of(voskModel);
    boolean pathLike = voskModel.contains("/") || voskModel.contains("\\") || voskModel.startsWith(".");
    return pathLike || Files.isDirectory(given) ? given : models.resolveVosk(voskModel);
  }
}
