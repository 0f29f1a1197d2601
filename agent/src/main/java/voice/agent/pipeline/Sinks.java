package voice.agent.pipeline;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import voice.agent.UserError;
import voice.audio.device.AudioDeviceException;
import voice.audio.out.AudioSink;
import voice.audio.out.RealtimePacedSink;
import voice.audio.out.SpeakerSink;
import voice.audio.out.WavFileSink;
import voice.audio.out.WavStreamSink;

/** Opens where the voice goes: the speaker, a WAV file, or a WAV stream on stdout. */
public final class Sinks {
  private Sinks() {}

  /**
   * @param out null for the speaker, {@code -} for stdout, else a WAV file path
   * @param device the speaker's name (or part of it), null for the default
   * @param realtime pace a file or stdout like a sound card
   */
  public static AudioSink open(String out, String device, boolean realtime) {
    try {
      if (out == null) {
        return new SpeakerSink(device);
      }
      AudioSink sink = "-".equals(out) ? new WavStreamSink(System.out) : new WavFileSink(Path.of(out));
      return realtime ? new RealtimePacedSink(sink) : sink;
    } catch (AudioDeviceException e) {
      throw new UserError(e.getMessage());
    } catch (UncheckedIOException e) {
      // An unusable --out is a bad option: refused before anything starts.
      throw new UserError(e.getMessage(), 2);
    }
  }
}
