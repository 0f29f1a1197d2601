package voice.audio.testdevice;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;

/**
 * What a virtual device's data lines share: open/start/stop state and a clock. Time is the
 * real clock: positions advance with {@code System.nanoTime()} while the line runs, exactly as
 * a sound card consumes or produces frames. All state is guarded by the line's monitor.
 */
abstract class VirtualLine implements DataLine {
  private final DataLine.Info info;
  protected AudioFormat format;
  protected int bufferBytes;
  protected boolean open;
  protected boolean running;

  VirtualLine(DataLine.Info info) {
    this.info = info;
  }

  /** Default buffer of half a second, as JDK lines pick when none is asked for. */
  public synchronized void open(AudioFormat wanted, int bufferSize) throws LineUnavailableException {
    if (!info.isFormatSupported(wanted)) {
      throw new IllegalArgumentException("unsupported format " + wanted);
    }
    if (wanted.getSampleSizeInBits() != 16) {
      throw new LineUnavailableException("only 16-bit");
    }
    format = wanted;
    int frameSize = wanted.getFrameSize();
    int bytes = bufferSize > 0 ? bufferSize : Math.round(wanted.getSampleRate() / 2) * frameSize;
    bufferBytes = Math.max(frameSize, bytes / frameSize * frameSize);
    open = true;
    opened();
  }

  public void open(AudioFormat wanted) throws LineUnavailableException {
    open(wanted, -1);
  }

  @Override
  public void open() throws LineUnavailableException {
    open(info.getFormats()[0], -1);
  }

  /** Called under the monitor once the format is known. */
  protected abstract void opened();

  @Override
  public synchronized void close() {
    open = false;
    running = false;
    notifyAll();
  }

  @Override
  public synchronized boolean isOpen() {
    return open;
  }

  @Override
  public synchronized boolean isRunning() {
    return running;
  }

  @Override
  public synchronized boolean isActive() {
    return running;
  }

  @Override
  public synchronized AudioFormat getFormat() {
    return format;
  }

  @Override
  public synchronized int getBufferSize() {
    return bufferBytes;
  }

  @Override
  public int getFramePosition() {
    return (int) getLongFramePosition();
  }

  @Override
  public long getMicrosecondPosition() {
    return (long) (getLongFramePosition() * 1_000_000L / format.getSampleRate());
  }

  @Override
  public float getLevel() {
    return AudioSystem.NOT_SPECIFIED;
  }

  @Override
  public Line.Info getLineInfo() {
    return info;
  }

  @Override
  public Control[] getControls() {
    return new Control[0];
  }

  @Override
  public boolean isControlSupported(Control.Type control) {
    return false;
  }

  @Override
  public Control getControl(Control.Type control) {
    throw new IllegalArgumentException("no controls on a virtual line");
  }

  @Override
  public void addLineListener(LineListener listener) {}

  @Override
  public void removeLineListener(LineListener listener) {}

  /** Frames a running line moves through in {@code nanos}. */
  protected long framesIn(long nanos) {
    return (long) (nanos * (double) format.getSampleRate() / 1e9);
  }

  /** Waits on the monitor for at most a few milliseconds (the caller loops). */
  protected void pause(long nanos) {
    try {
      long ms = Math.max(1, Math.min(5, nanos / 1_000_000L));
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
