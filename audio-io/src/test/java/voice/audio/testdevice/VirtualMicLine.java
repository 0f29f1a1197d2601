package voice.audio.testdevice;

import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import voice.audio.PcmAudio;

/**
 * A capture line that records a given recording in real time: once started, frames become
 * readable as the clock passes, {@code read} blocks until the asked bytes have been
 * "recorded", and after the recording's end the microphone hears silence.
 */
public final class VirtualMicLine extends VirtualLine implements TargetDataLine {
  private final PcmAudio source;
  private long recorded;
  private long consumed;
  private long anchorNanos;
  private long anchorRecorded;

  VirtualMicLine(DataLine.Info info, PcmAudio source) {
    super(info);
    this.source = source;
  }

  @Override
  protected void opened() {
    recorded = 0;
    consumed = 0;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) {
    int frameSize = format.getFrameSize();
    if (len % frameSize != 0) {
      throw new IllegalArgumentException("not a whole number of frames: " + len);
    }
    long wanted = len / frameSize;
    while (open && running && recorded - consumed < wanted) {
      pause(framesToNanos(wanted - (recorded - consumed)));
      advance();
    }
    long frames = Math.min(wanted, recorded - consumed);
    int channels = format.getChannels();
    short[] samples = source.interleavedSamples();
    int p = off;
    for (long f = consumed; f < consumed + frames; f++) {
      for (int c = 0; c < channels; c++) {
        long i = f * channels + c;
        short s = i < samples.length ? samples[(int) i] : 0;
        b[p++] = (byte) (format.isBigEndian() ? s >> 8 : s);
        b[p++] = (byte) (format.isBigEndian() ? s : s >> 8);
      }
    }
    consumed += frames;
    return (int) frames * frameSize;
  }

  @Override
  public synchronized void drain() {}

  @Override
  public synchronized void flush() {
    advance();
    consumed = recorded;
  }

  @Override
  public synchronized void start() {
    if (!running) {
      running = true;
      anchorNanos = System.nanoTime();
      anchorRecorded = recorded;
    }
  }

  @Override
  public synchronized void stop() {
    advance();
    running = false;
    notifyAll();
  }

  @Override
  public synchronized int available() {
    advance();
    return (int) Math.min(bufferBytes, (recorded - consumed) * format.getFrameSize());
  }

  @Override
  public synchronized long getLongFramePosition() {
    advance();
    return recorded;
  }

  /** Frames the line has handed to readers. */
  public synchronized long consumedFrames() {
    return consumed;
  }

  private void advance() {
    if (running) {
      recorded = anchorRecorded + framesIn(System.nanoTime() - anchorNanos);
    }
  }

  private long framesToNanos(long frames) {
    return (long) (frames * 1e9 / format.getSampleRate());
  }
}
