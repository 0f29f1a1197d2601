package voice.stt.sphinx;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import voice.stt.SpeechEngineUnavailable;

/**
 * PocketSphinx's keyphrase search: listens for one phrase only, with no language model, so it is
 * cheap enough to run on all speech. Like the C decoder it is used by one thread at a time.
 * Detection times count from the last {@link #start()}.
 */
public final class KeyphraseSpotter implements AutoCloseable {
  /** PocketSphinx computes 100 feature frames per second. */
  private static final int MS_PER_FRAME = 10;

  private final PocketSphinxLibrary lib;
  private final Pointer config;
  private Pointer decoder;
  private final String phrase;

  private KeyphraseSpotter(PocketSphinxLibrary lib, Pointer config, Pointer decoder, String phrase) {
    this.lib = lib;
    this.config = config;
    this.decoder = decoder;
    this.phrase = phrase;
  }

  /**
   * Starts a spotter for {@code phrase} (words of the model's dictionary, any case).
   * {@code threshold} is PocketSphinx's {@code kws_threshold}: smaller detects more readily
   * (and falsely more often).
   *
   * @throws IllegalArgumentException when a word of the phrase is not in the dictionary
   */
  public static KeyphraseSpotter open(PocketSphinxModel model, String phrase, double threshold) {
    String words = String.join(" ", phrase.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    checkInDictionary(model, words);
    PocketSphinxLibrary lib = PocketSphinxLibrary.load();
    Pointer config = lib.cmd_ln_init(null, lib.ps_args(), 1,
        "-hmm", model.hmm().toString(),
        "-dict", model.dictionary().toString(),
        "-keyphrase", words,
        "-kws_threshold", Double.toString(threshold),
        "-logfn", "/dev/null",
        null);
    if (config == null) {
      throw new IllegalStateException("PocketSphinx rejected the keyphrase configuration for '" + words + "'");
    }
    Pointer decoder = lib.ps_init(config);
    if (decoder == null) {
      lib.cmd_ln_free_r(config);
      throw new SpeechEngineUnavailable("PocketSphinx could not start keyphrase search for '" + words + "'");
    }
    KeyphraseSpotter spotter = new KeyphraseSpotter(lib, config, decoder, words);
    spotter.start();
    return spotter;
  }

  /** The phrase listened for, in the dictionary's spelling. */
  public String phrase() {
    return phrase;
  }

  /** Forgets what was heard: detection times count from here. */
  public void start() {
    ensureOpen();
    lib.ps_end_utt(decoder); // harmless when no utterance is open
    check(lib.ps_start_stream(decoder), "ps_start_stream");
    check(lib.ps_start_utt(decoder), "ps_start_utt");
  }

  /** Where a detected phrase was said, in ms since {@link #start()}. */
  public record Detection(long startMs, long endMs) {}

  /**
   * Listens to {@code len} samples of 16 kHz mono audio; returns where the phrase was said when
   * it was just heard, else null. After a detection, listening goes on afresh, with times still
   * counted from the same start.
   */
  public Detection accept(short[] pcm16kMono, int off, int len) {
    ensureOpen();
    short[] samples = off == 0 && len == pcm16kMono.length ? pcm16kMono : Arrays.copyOfRange(pcm16kMono, off, off + len);
    check(lib.ps_process_raw(decoder, samples, len, 0, 0), "ps_process_raw");
    String hyp = lib.ps_get_hyp(decoder, new IntByReference());
    if (hyp == null || hyp.isBlank()) {
      return null;
    }
    Detection detection = detection();
    // The search keeps reporting a phrase once found: restarting the utterance clears it. The
    // frame counter is left running (no new stream) so later detections keep the same origin.
    check(lib.ps_end_utt(decoder), "ps_end_utt");
    check(lib.ps_start_utt(decoder), "ps_start_utt");
    return detection;
  }

  /** The last segment the search found: the phrase just heard. */
  private Detection detection() {
    Detection found = new Detection(0, 0);
    IntByReference first = new IntByReference();
    IntByReference last = new IntByReference();
    for (Pointer seg = lib.ps_seg_iter(decoder, new IntByReference()); seg != null; seg = lib.ps_seg_next(seg)) {
      lib.ps_seg_frames(seg, first, last);
      found = new Detection((long) first.getValue() * MS_PER_FRAME, (long) (last.getValue() + 1) * MS_PER_FRAME);
    }
    return found;
  }

  @Override
  public void close() {
    if (decoder != null) {
      lib.ps_end_utt(decoder);
      lib.ps_free(decoder);
      lib.cmd_ln_free_r(config);
      decoder = null;
    }
  }

  private static void checkInDictionary(PocketSphinxModel model, String words) {
    Set<String> wanted = new HashSet<>(Arrays.asList(words.split(" ")));
    if (words.isEmpty()) {
      throw new IllegalArgumentException("the wake word is empty");
    }
    try (BufferedReader reader = Files.newBufferedReader(model.dictionary(), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null && !wanted.isEmpty(); line = reader.readLine()) {
        int space = line.indexOf(' ');
        if (space > 0) {
          wanted.remove(line.substring(0, space));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!wanted.isEmpty()) {
      throw new IllegalArgumentException("the wake word '" + words + "' has words PocketSphinx does not know: "
          + String.join(", ", wanted.stream().sorted().toList()));
    }
  }

  private void ensureOpen() {
    if (decoder == null) {
      throw new IllegalStateException("keyphrase spotter is closed");
    }
  }

  private static void check(int rc, String call) {
    if (rc < 0) {
      throw new IllegalStateException(call + " failed (" + rc + ")");
    }
  }
}
