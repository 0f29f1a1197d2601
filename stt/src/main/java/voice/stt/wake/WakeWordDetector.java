package voice.stt.wake;

import voice.stt.sphinx.KeyphraseSpotter;
import voice.stt.sphinx.KeyphraseSpotter.Detection;
import voice.stt.sphinx.PocketSphinxModel;

/**
 * The wake word, spotted by PocketSphinx's keyphrase search and accepted only after a pause.
 * The search alone also fires on speech that runs into a similar sound ("the computer", "the new
 * computers"): people address a device after a breath, so the {@value #PAUSE_MS} ms before the
 * phrase must be at least {@value #PAUSE_DROP_DB} dB quieter than the phrase itself. Used by one
 * thread; times count from the last {@link #start()}.
 */
public final class WakeWordDetector implements AutoCloseable {
  static final int PAUSE_MS = 150;
  static final double PAUSE_DROP_DB = 15;
  private static final int KEEP_MS = 4000;

  private final KeyphraseSpotter spotter;
  private final short[] recent = new short[KEEP_MS * 16];
  private long samples;
  private int rejected;

  private WakeWordDetector(KeyphraseSpotter spotter) {
    this.spotter = spotter;
  }

  /** Loads the acoustic model (blocking); refuses a phrase with words outside the dictionary (IllegalArgumentException). */
  public static WakeWordDetector open(WakeWordSettings settings, PocketSphinxModel model) {
    return new WakeWordDetector(KeyphraseSpotter.open(model, settings.phrase(), settings.threshold()));
  }

  public String phrase() {
    return spotter.phrase();
  }

  /** Detections the pause check turned down so far. */
  public int rejected() {
    return rejected;
  }

  public void start() {
    spotter.start();
    samples = 0;
  }

  /** Listens to the next samples; returns the phrase's place when it was just said after a pause, else null. */
  public Detection accept(short[] pcm16kMono, int off, int len) {
    for (int i = 0; i < len; i++) {
      recent[(int) ((samples + i) % recent.length)] = pcm16kMono[off + i];
    }
    samples += len;
    Detection detection = spotter.accept(pcm16kMono, off, len);
    if (detection == null) {
      return null;
    }
    if (levelDb(detection.startMs() - PAUSE_MS, detection.startMs()) > levelDb(detection.startMs(), detection.endMs()) - PAUSE_DROP_DB) {
      rejected++;
      return null;
    }
    return detection;
  }

  /** RMS level in dB of the audio between two times, as far as it is still held (silence before the start). */
  private double levelDb(long fromMs, long toMs) {
    long from = Math.max(Math.max(0, fromMs * 16), samples - recent.length);
    long to = Math.min(toMs * 16, samples);
    if (to <= from) {
      return 0;
    }
    double sum = 0;
    for (long i = from; i < to; i++) {
      double s = recent[(int) (i % recent.length)];
      sum += s * s;
    }
    double rms = Math.sqrt(sum / (to - from));
    return rms <= 1 ? 0 : 20 * Math.log10(rms);
  }

  @Override
  public void close() {
    spotter.close();
  }
}
