package voice.audio.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * The Java Sound mixers that can play ({@code SourceDataLine}) or record ({@code
 * TargetDataLine}). Port mixers, which only carry volume controls, are left out. Devices are
 * named by their mixer name and found by a case-insensitive substring of it.
 */
public final class AudioDevices {
  private static final Line.Info PLAYBACK = new Line.Info(SourceDataLine.class);
  private static final Line.Info CAPTURE = new Line.Info(TargetDataLine.class);

  private AudioDevices() {}

  /** Names of the mixers that can play audio. */
  public static List<String> outputs() {
    return names(PLAYBACK);
  }

  /** Names of the mixers that can record audio. */
  public static List<String> inputs() {
    return names(CAPTURE);
  }

  /** The first output mixer whose name contains {@code name}, or an exception that lists them. */
  public static Mixer.Info findOutput(String name) {
    return find(PLAYBACK, name, "output", "use --out FILE.wav or --out -");
  }

  /** The first input mixer whose name contains {@code name}, or an exception that lists them. */
  public static Mixer.Info findInput(String name) {
    return find(CAPTURE, name, "input", "use --in FILE.wav");
  }

  private static Mixer.Info find(Line.Info kind, String name, String what, String alternative) {
    List<Mixer.Info> all = mixers(kind);
    if (all.isEmpty()) {
      throw new AudioDeviceException("no audio " + what + " device: this machine has none; "
          + alternative);
    }
    String wanted = name == null ? "" : name.toLowerCase(Locale.ROOT);
    for (Mixer.Info info : all) {
      if (info.getName().toLowerCase(Locale.ROOT).contains(wanted)) {
        return info;
      }
    }
    throw new AudioDeviceException("no audio " + what + " device: none is named like '" + name
        + "' (devices: " + String.join(", ", names(kind)) + "); " + alternative);
  }

  private static List<String> names(Line.Info kind) {
    List<String> names = new ArrayList<>();
    for (Mixer.Info info : mixers(kind)) {
      names.add(info.getName());
    }
    return names;
  }

  private static List<Mixer.Info> mixers(Line.Info kind) {
    List<Mixer.Info> found = new ArrayList<>();
    for (Mixer.Info info : AudioSystem.getMixerInfo()) {
      try {
        if (AudioSystem.getMixer(info).isLineSupported(kind)) {
          found.add(info);
        }
      } catch (RuntimeException unusable) {
        // A mixer whose provider fails is no device to offer.
      }
    }
    return found;
  }
}
