package voice.stt.echo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import voice.stt.SttOptions;
import voice.stt.vad.Endpointer;
import voice.stt.vad.EnergyVad;

/** A loudspeaker heard by a microphone, in samples: delay, attenuation, noise; and what the voice detector makes of it. */
final class SimulatedEcho {
  private SimulatedEcho() {}

  /** The reference delayed by {@code delayMs}, {@code gainDb} louder (negative: quieter), as long as {@code lengthMs}. */
  static short[] echo(short[] reference, int delayMs, double gainDb, int lengthMs) {
    double gain = Math.pow(10, gainDb / 20);
    short[] out = new short[lengthMs * 16];
    for (int i = 0; i < reference.length && i + delayMs * 16 < out.length; i++) {
      out[i + delayMs * 16] = clip(reference[i] * gain);
    }
    return out;
  }

  /** Pink (1/f) noise of roughly the given RMS, reproducible from {@code seed} (Paul Kellet's filter). */
  static short[] pinkNoise(int ms, double rms, long seed) {
    Random random = new Random(seed);
    double b0 = 0, b1 = 0, b2 = 0;
    double[] raw = new double[ms * 16];
    double sum = 0;
    for (int i = 0; i < raw.length; i++) {
      double white = random.nextGaussian();
      b0 = 0.99765 * b0 + white * 0.0990460;
      b1 = 0.96300 * b1 + white * 0.2965164;
      b2 = 0.57000 * b2 + white * 1.0526913;
      raw[i] = b0 + b1 + b2 + white * 0.1848;
      sum += raw[i] * raw[i];
    }
    double scale = rms / Math.sqrt(sum / raw.length);
    short[] out = new short[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = clip(raw[i] * scale);
    }
    return out;
  }

  /** {@code b} added onto {@code a} from {@code atMs}, scaled by {@code gainDb}. */
  static short[] overlay(short[] a, short[] b, int atMs, double gainDb) {
    double gain = Math.pow(10, gainDb / 20);
    short[] out = a.clone();
    for (int i = 0; i < b.length && atMs * 16 + i < out.length; i++) {
      out[atMs * 16 + i] = clip(out[atMs * 16 + i] + b[i] * gain);
    }
    return out;
  }

  /**
   * Feeds the microphone in 20 ms frames through the gate (null: no gate) and then the stt
   * voice detector and endpointer with default settings; returns where speech was confirmed, in ms.
   */
  static List<Long> speechStarts(EchoGate gate, short[] mic) {
    SttOptions options = SttOptions.DEFAULT;
    EnergyVad vad = new EnergyVad(options.vad());
    Endpointer endpointer = new Endpointer(options.endSilenceMs(), options.minSpeechMs());
    List<Long> starts = new ArrayList<>();
    int frame = options.frameMs() * 16;
    for (int off = 0; off + frame <= mic.length; off += frame) {
      short[] f = java.util.Arrays.copyOfRange(mic, off, off + frame);
      if (gate != null) {
        gate.process(f, 0, f.length);
      }
      long startMs = off / 16;
      Endpointer.Change change = endpointer.onFrame(vad.isVoiced(f, 0, frame), startMs, startMs + options.frameMs());
      if (change == Endpointer.Change.SPEECH_START) {
        starts.add(endpointer.speechStartMs());
      }
    }
    return starts;
  }

  static short clip(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
