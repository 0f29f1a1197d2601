package voice.stt.sphinx;

import java.nio.file.Files;
import java.nio.file.Path;
import voice.stt.SpeechEngineUnavailable;

/** The files of a PocketSphinx model: acoustic model folder, language model, dictionary. */
public record PocketSphinxModel(Path hmm, Path languageModel, Path dictionary) {
  /** Debian's {@code pocketsphinx-en-us} package installs here. */
  public static final Path DEBIAN_EN_US = Path.of("/usr/share/pocketsphinx/model/en-us");

  /** The US English model of {@code pocketsphinx-en-us}, checked to exist. */
  public static PocketSphinxModel debianEnUs() {
    return in(DEBIAN_EN_US);
  }

  /** The same model with another pronunciation dictionary. */
  public PocketSphinxModel withDictionary(Path other) {
    return new PocketSphinxModel(hmm, languageModel, other);
  }

  /** A model folder laid out like Debian's: {@code en-us/}, {@code en-us.lm.bin}, {@code cmudict-en-us.dict}. */
  public static PocketSphinxModel in(Path folder) {
    PocketSphinxModel model = new PocketSphinxModel(
        folder.resolve("en-us"), folder.resolve("en-us.lm.bin"), folder.resolve("cmudict-en-us.dict"));
    if (!Files.isDirectory(model.hmm) || !Files.isRegularFile(model.languageModel)
        || !Files.isRegularFile(model.dictionary)) {
      throw new SpeechEngineUnavailable("PocketSphinx model not found in " + folder
          + ": apt-get install pocketsphinx-en-us");
    }
    return model;
  }
}
