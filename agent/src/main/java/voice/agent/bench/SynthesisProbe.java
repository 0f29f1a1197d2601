package voice.agent.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import voice.core.event.MonotonicClock;
import voice.core.metrics.Percentiles;
import voice.tts.SpeechEngine;

/** Times the speech engine by itself, outside the pipeline. */
final class SynthesisProbe {
  /**
   * @param factor synthesis time / duration of the audio produced (below 1: faster than real time)
   */
  record RealTimeFactor(double factor, double audioSeconds, double synthesisSeconds, int chunks) {}

  private SynthesisProbe() {}

  /** Monotonic time at which the first piece of {@code text}'s audio came out; stops there. */
  static double firstPieceAt(SpeechEngine engine, String text) throws Exception {
    double[] at = {Double.NaN};
    try {
      engine.synthesize(text, pcm -> {
        at[0] = MonotonicClock.millisPrecise();
        throw new CancellationException("first piece is enough");
      });
    } catch (CancellationException expected) {
      // stopped after the first piece on purpose
    }
    if (Double.isNaN(at[0])) {
      throw new IllegalStateException("MaryTTS produced no audio for: " + text);
    }
    return at[0];
  }

  /** Median over {@code repeats} of: synthesis called → its first piece of audio. */
  static double firstAudioMs(SpeechEngine engine, String text, int repeats) throws Exception {
    List<Double> latencies = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      double start = MonotonicClock.millisPrecise();
      latencies.add(firstPieceAt(engine, text) - start);
    }
    return Percentiles.of(latencies, 50);
  }

  /** Synthesizes every chunk whole and compares the time it took with the audio's length. */
  static RealTimeFactor realTimeFactor(SpeechEngine engine, List<String> chunks) throws Exception {
    long bytes = 0;
    double synthesisMs = 0;
    for (String chunk : chunks) {
      long[] chunkBytes = {0};
      double start = MonotonicClock.millisPrecise();
      engine.synthesize(chunk, pcm -> chunkBytes[0] += pcm.length);
      synthesisMs += MonotonicClock.millisPrecise() - start;
      bytes += chunkBytes[0];
    }
    double audioSeconds = bytes / 2.0 / engine.sampleRate();
    double synthesisSeconds = synthesisMs / 1000.0;
    return new RealTimeFactor(audioSeconds > 0 ? synthesisSeconds / audioSeconds : Double.NaN,
        audioSeconds, synthesisSeconds, chunks.size());
  }
}
