package voice.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The default offline set a new user is offered when nothing is configured: the smallest good
 * language model and the small English Vosk model. A kind already covered by any installed
 * model is not offered again.
 */
public final class FirstRun {
  public static final String DEFAULT_LLM = "qwen2.5-0.5b-instruct";
  public static final String DEFAULT_STT = "vosk-small-en-us";
  public static final Set<String> ALL_KINDS =
      Set.of(ModelEntry.KIND_LLM_GGUF, ModelEntry.KIND_STT_VOSK);

  private final ModelStore store;
  private final ModelPuller puller;

  public FirstRun(ModelStore store) {
    this(store, new ModelPuller(store));
  }

  public FirstRun(ModelStore store, ModelPuller puller) {
    this.store = store;
    this.puller = puller;
  }

  /** Default models still to pull for the kinds asked ({@code llm-gguf}, {@code stt-vosk}). */
  public List<ModelEntry> missing(Set<String> kinds) {
    List<ModelEntry> missing = new ArrayList<>();
    for (String id : List.of(DEFAULT_LLM, DEFAULT_STT)) {
      store.catalogue().find(id)
          .filter(e -> kinds.contains(e.kind()))
          .filter(e -> store.firstInstalled(e.kind()).isEmpty())
          .ifPresent(missing::add);
    }
    return missing;
  }

  /** Both kinds: what {@code chat} needs. */
  public List<ModelEntry> missing() {
    return missing(ALL_KINDS);
  }

  public static long downloadBytes(List<ModelEntry> entries) {
    return entries.stream().mapToLong(ModelEntry::bytes).sum();
  }

  /** e.g. "qwen2.5-0.5b-instruct (491 MB) and vosk-small-en-us (41.2 MB), 533 MB in all". */
  public static String describe(List<ModelEntry> entries) {
    String each = entries.stream()
        .map(e -> e.id() + " (" + ByteSizes.format(e.bytes()) + ")")
        .collect(Collectors.joining(" and "));
    return entries.size() > 1 ? each + ", " + ByteSizes.format(downloadBytes(entries)) + " in all" : each;
  }

  /** The commands that pull them, for a message that refuses to download. */
  public static String pullCommands(List<ModelEntry> entries) {
    return entries.stream().map(e -> "voice-agent models pull " + e.id())
        .collect(Collectors.joining(" && "));
  }

  /** Pulls one model with the given progress display; returns its installed path. */
  public Path pull(String id, ProgressListener listener) {
    return puller.pull(id, listener);
  }

  /** Pulls every model in the list, in order. */
  public void pullAll(List<ModelEntry> entries, ProgressListener listener) {
    entries.forEach(e -> puller.pull(e.id(), listener));
  }
}
