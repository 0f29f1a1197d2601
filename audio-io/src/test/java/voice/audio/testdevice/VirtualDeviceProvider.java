package voice.audio.testdevice;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import javax.sound.sampled.spi.MixerProvider;
import voice.audio.PcmAudio;

/**
 * Gives Java Sound a virtual speaker and microphone in tests (registered in
 * META-INF/services), since CI machines have no sound card. The speaker takes 16-bit PCM at
 * any rate; the microphone offers exactly the format of the recording it is given. Tests can
 * unplug both to see what happens on a machine without devices.
 */
public final class VirtualDeviceProvider extends MixerProvider {
  public static final String SPEAKER_NAME = "Virtual Speaker (test)";
  public static final String MICROPHONE_NAME = "Virtual Microphone (test)";
  private static final DataLine.Info SPEAKER_LINE = new DataLine.Info(SourceDataLine.class,
      new AudioFormat[] {
        new AudioFormat(AudioSystem.NOT_SPECIFIED, 16, 1, true, false),
        new AudioFormat(AudioSystem.NOT_SPECIFIED, 16, 2, true, false)},
      AudioSystem.NOT_SPECIFIED, AudioSystem.NOT_SPECIFIED);
  public static final VirtualMixer SPEAKER =
      new VirtualMixer(SPEAKER_NAME, SPEAKER_LINE, true, VirtualSpeakerLine::new);

  private static volatile boolean plugged = true;
  private static volatile VirtualMixer microphone = microphoneFor(silence());

  /** Plugs or unplugs both devices. */
  public static void plugged(boolean value) {
    plugged = value;
  }

  /** Makes the microphone record {@code recording} (then silence), in its format. */
  public static VirtualMixer microphoneRecords(PcmAudio recording) {
    microphone = microphoneFor(recording);
    return microphone;
  }

  public static VirtualMixer microphone() {
    return microphone;
  }

  /** The newest playback line the speaker handed out. */
  public static VirtualSpeakerLine lastSpeakerLine() {
    var lines = SPEAKER.lines();
    return lines.isEmpty() ? null : (VirtualSpeakerLine) lines.get(lines.size() - 1);
  }

  @Override
  public Mixer.Info[] getMixerInfo() {
    return plugged
        ? new Mixer.Info[] {SPEAKER.getMixerInfo(), microphone.getMixerInfo()}
        : new Mixer.Info[0];
  }

  @Override
  public Mixer getMixer(Mixer.Info info) {
    if (plugged && SPEAKER.getMixerInfo().equals(info)) {
      return SPEAKER;
    }
    VirtualMixer mic = microphone;
    if (plugged && mic.getMixerInfo().getName().equals(info == null ? null : info.getName())) {
      return mic;
    }
    throw new IllegalArgumentException("no such virtual mixer: " + info);
  }

  private static VirtualMixer microphoneFor(PcmAudio recording) {
    AudioFormat format = new AudioFormat(recording.sampleRate(), 16, recording.channels(), true, false);
    DataLine.Info line = new DataLine.Info(TargetDataLine.class, format);
    return new VirtualMixer(MICROPHONE_NAME, line, false, info -> new VirtualMicLine(info, recording));
  }

  private static PcmAudio silence() {
    return new PcmAudio(48_000, 2, new short[0]);
  }
}
