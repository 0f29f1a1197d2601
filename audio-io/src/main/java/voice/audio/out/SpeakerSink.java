package voice.audio.out;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import voice.audio.device.AudioDeviceException;
import voice.audio.device.AudioDevices;

/**
 * Plays through a Java Sound {@code SourceDataLine}. The line buffer is small (about 100 ms)
 * so that {@link #flush} silences the voice within 100 ms; {@link #playedFrames} is the line's
 * own frame position, so "played" means the device has reached it.
 */
public final class SpeakerSink implements AudioSink {
  /** Line buffer asked of the device; the device may round it up. */
  public static final int BUFFER_MS = 100;

  private final Mixer.Info device;
  private SourceDataLine line;
  private int sampleRate;
  private long positionAtOpen;

  /**
   * Picks the output device now, so a missing one fails before anything starts.
   *
   * @param deviceName a case-insensitive part of the mixer's name, or null for the first output
   * @throws AudioDeviceException when there is no output device or none matches
   */
  public SpeakerSink(String deviceName) {
    this.device = AudioDevices.findOutput(deviceName);
  }

  /** The mixer name of the chosen device. */
  public String deviceName() {
    return device.getName();
  }

  @Override
  public void open(int rate) {
    if (line != null && rate == sampleRate) {
      return;
    }
    close();
    AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
    try {
      SourceDataLine opened = AudioSystem.getSourceDataLine(format, device);
      opened.open(format, Math.max(rate * BUFFER_MS / 1000, 64) * 2);
      opened.start();
      line = opened;
      sampleRate = rate;
      positionAtOpen = opened.getLongFramePosition();
    } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
      throw new AudioDeviceException("cannot play on '" + device.getName() + "' at " + rate
          + " Hz: " + e.getMessage() + "; use --out FILE.wav or --out -", e);
    }
  }

  @Override
  public void write(byte[] pcm, int off, int len) {
    // write returns early only when the line is flushed or stopped: then the rest is dropped.
    line.write(pcm, off, len - len % 2);
  }

  @Override
  public void flush() {
    if (line != null) {
      line.flush();
    }
  }

  @Override
  public void drain() {
    if (line != null) {
      line.drain();
    }
  }

  @Override
  public void close() {
    if (line != null) {
      line.close();
      line = null;
    }
  }

  @Override
  public long playedFrames() {
    return line == null ? 0 : line.getLongFramePosition() - positionAtOpen;
  }

  @Override
  public boolean realtime() {
    return true;
  }
}
