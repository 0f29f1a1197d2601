package voice.audio.in;

import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import voice.audio.device.AudioDeviceException;

/**
 * Picks the capture format to ask a device for: 16 kHz mono 16-bit if it has it (no
 * conversion), else the common sound-card rates, mono before stereo, else any 16-bit PCM
 * format the device lists with a definite rate.
 */
final class CaptureFormats {
  private static final float[] RATES = {16_000, 48_000, 44_100, 32_000, 22_050, 96_000, 8_000};

  private CaptureFormats() {}

  static AudioFormat choose(Mixer mixer) {
    for (boolean bigEndian : new boolean[] {false, true}) {
      for (float rate : RATES) {
        for (int channels = 1; channels <= 2; channels++) {
          AudioFormat format = new AudioFormat(rate, 16, channels, true, bigEndian);
          if (mixer.isLineSupported(new DataLine.Info(TargetDataLine.class, format))) {
            return format;
          }
        }
      }
    }
    for (AudioFormat offered : offered(mixer)) {
      if (offered.getEncoding() == AudioFormat.Encoding.PCM_SIGNED
          && offered.getSampleSizeInBits() == 16 && offered.getSampleRate() > 0
          && offered.getChannels() >= 1 && offered.getChannels() <= 2) {
        return offered;
      }
    }
    throw new AudioDeviceException("the input device '" + mixer.getMixerInfo().getName()
        + "' offers no 16-bit PCM format; use --in FILE.wav");
  }

  private static List<AudioFormat> offered(Mixer mixer) {
    List<AudioFormat> formats = new ArrayList<>();
    for (Line.Info info : mixer.getTargetLineInfo()) {
      if (info instanceof DataLine.Info data && TargetDataLine.class.isAssignableFrom(data.getLineClass())) {
        formats.addAll(List.of(data.getFormats()));
      }
    }
    return formats;
  }
}
