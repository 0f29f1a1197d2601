package voice.stt.sphinx;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A pronunciation dictionary cut down to the language model's most likely words. The decoder
 * builds its lexicon tree from every dictionary word the model knows, and that tree is most of
 * its memory: with the 20 000 likeliest words of Debian's US English model a decoder peaks at
 * about 65 MB instead of 104 MB, and decodes faster, for small machines. Made once per model
 * and size, and kept in the cache folder.
 */
public final class FrequentWords {
  private FrequentWords() {}

  /** The dictionary of {@code model} limited to its {@code count} likeliest words, made if not yet in {@code cache}. */
  public static Path dictionary(PocketSphinxModel model, int count, Path cache) {
    try {
      Path made = cache.resolve("cmudict-top" + count + "-" + Files.size(model.languageModel())
          + "-" + Files.getLastModifiedTime(model.languageModel()).toMillis() + ".dict");
      if (Files.isRegularFile(made)) {
        return made;
      }
      Files.createDirectories(cache);
      Set<String> keep = likeliestWords(model.languageModel(), count);
      Path partial = Files.createTempFile(cache, ".cmudict", ".partial");
      try (Stream<String> lines = Files.lines(model.dictionary(), StandardCharsets.UTF_8);
          BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        for (String line : (Iterable<String>) lines::iterator) {
          if (keep.contains(baseWord(line))) {
            out.write(line);
            out.newLine();
          }
        }
      }
      return Files.move(partial, made, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the small PocketSphinx dictionary in " + cache, e);
    }
  }

  /** {@code word(2) W ER D} -> {@code word}. */
  static String baseWord(String line) {
    int end = line.indexOf(' ');
    String word = end < 0 ? line : line.substring(0, end);
    int alternative = word.indexOf('(');
    return alternative > 0 ? word.substring(0, alternative) : word;
  }

  /** The {@code count} words of the language model with the highest unigram score. */
  static Set<String> likeliestWords(Path languageModel, int count) {
    SphinxBaseLanguageModel lib = SphinxBaseLanguageModel.load();
    Pointer logmath = lib.logmath_init(1.0001, 0, 0);
    Pointer lm = lib.ngram_model_read(null, languageModel.toString(), SphinxBaseLanguageModel.NGRAM_AUTO, logmath);
    if (lm == null) {
      lib.logmath_free(logmath);
      throw new IllegalStateException("cannot read the language model " + languageModel);
    }
    try {
      int unigrams = lib.ngram_model_get_counts(lm).getInt(0);
      record Scored(String word, int score) {}
      List<Scored> words = new ArrayList<>(unigrams);
      IntByReference used = new IntByReference();
      for (int wid = 0; wid < unigrams; wid++) {
        String word = lib.ngram_word(lm, wid);
        if (word != null && !word.startsWith("<")) {
          words.add(new Scored(word, lib.ngram_ng_score(lm, wid, null, 0, used)));
        }
      }
      words.sort(Comparator.comparingInt(Scored::score).reversed());
      Set<String> keep = new HashSet<>();
      for (int i = 0; i < Math.min(count, words.size()); i++) {
        keep.add(words.get(i).word());
      }
      return keep;
    } finally {
      lib.ngram_model_free(lm);
      lib.logmath_free(logmath);
      giveFreedMemoryBack();
    }
  }

  /** The model read here is freed, but glibc keeps the pages unless asked: a small machine wants them back. */
  private static void giveFreedMemoryBack() {
    try {
      Function.getFunction("c", "malloc_trim").invokeInt(new Object[] {0});
    } catch (UnsatisfiedLinkError e) {
      // not glibc: nothing to ask
    }
  }
}
