package voice.agent.config;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import voice.agent.UserError;
import voice.models.Catalogue;
import voice.models.FirstRun;
import voice.models.ModelEntry;
import voice.models.ModelException;
import voice.models.ModelStore;
import voice.models.ProgressListener;
import voice.stt.SpeechEngines;

/**
 * The models the agent can run without a network: which are installed, how a name given on the
 * command line (catalogue id or path) resolves, and the first-run offer of the default offline
 * set when nothing else is configured.
 */
public final class OfflineModels {
  private final ModelStore store;

  public OfflineModels(ModelStore store) {
    this.store = store;
  }

  /** The one choice that works with nothing installed, offered wherever none was found. */
  private static final String TRY_DEMO = "; to try the voice with nothing installed, use --llm demo";

  public static OfflineModels standard() {
    return new OfflineModels(new ModelStore(ModelStore.defaultDir(), Catalogue.bundled()));
  }

  /** The speech engines, finding pulled Vosk models in this store's folder. */
  public SpeechEngines speechEngines() {
    return SpeechEngines.fromEnvironment(store.dir());
  }

  /** The first installed GGUF language model, in catalogue order. */
  public Optional<Path> installedLlm() {
    return store.firstInstalled(ModelEntry.KIND_LLM_GGUF).map(m -> m.path());
  }

  /** A catalogue id or a {@code .gguf} path, as the path to load. */
  public Path resolveLlm(String idOrPath) {
    return resolve(idOrPath, ModelEntry.KIND_LLM_GGUF);
  }

  /** A catalogue id or a folder, as the Vosk model folder. */
  public Path resolveVosk(String idOrPath) {
    return resolve(idOrPath, ModelEntry.KIND_STT_VOSK);
  }

  private Path resolve(String idOrPath, String kind) {
    try {
      return store.resolve(idOrPath, kind);
    } catch (ModelException e) {
      throw new UserError(e.getMessage());
    }
  }

  /**
   * Nothing is configured: offers the default offline set (with its download size) and pulls it,
   * or refuses with the commands to run when downloads are not allowed or nobody can answer.
   *
   * @return the installed language model's path
   */
  public Path firstRun(Set<String> kinds, boolean yes, boolean noDownload, String whatElse) {
    FirstRun firstRun = new FirstRun(store);
    List<ModelEntry> missing = firstRun.missing(kinds);
    if (!missing.isEmpty()) {
      Console console = System.console();
      if (noDownload || (!yes && console == null)) {
        throw new UserError("no language model is configured: " + whatElse + ", or download the offline models: "
            + FirstRun.pullCommands(missing) + (noDownload ? "" : " (or run again with --yes)") + TRY_DEMO);
      }
      if (!yes && !confirm("No language model is configured. Download the offline set, "
          + FirstRun.describe(missing) + "? [Y/n] ")) {
        throw new UserError("nothing downloaded: " + whatElse + ", or run " + FirstRun.pullCommands(missing) + TRY_DEMO);
      }
      try {
        firstRun.pullAll(missing, ProgressListener.forConsole());
      } catch (ModelException e) {
        throw new UserError(e.getMessage());
      }
    }
    return installedLlm().orElseThrow(() -> new UserError("no language model is installed: run voice-agent models pull "
        + FirstRun.DEFAULT_LLM));
  }

  private static boolean confirm(String question) {
    System.err.print(question);
    System.err.flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer == null || answer.isBlank() || answer.strip().toLowerCase().startsWith("y");
    } catch (IOException e) {
      return false;
    }
  }
}
