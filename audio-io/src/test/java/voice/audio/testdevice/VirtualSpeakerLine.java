package voice.audio.testdevice;

import java.io.ByteArrayOutputStream;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;

/**
 * A playback line that behaves like a sound card: a bounded buffer the clock drains in real
 * time while the line runs; {@code write} blocks while it is full, {@code flush} discards what
 * is buffered, {@code drain} waits until it is empty, and the frame position is the frames
 * really "played". When the buffer runs dry the position stops, as after an underrun. It keeps
 * every byte written (minus nothing: flushed bytes are counted in {@link #flushedFrames}).
 */
public final class VirtualSpeakerLine extends VirtualLine implements SourceDataLine {
  private final ByteArrayOutputStream accepted = new ByteArrayOutputStream();
  private long played;
  private long buffered;
  private long flushedFrames;
  private int flushes;
  private long anchorNanos;
  private long anchorPlayed;

  VirtualSpeakerLine(DataLine.Info info) {
    super(info);
  }

  @Override
  protected void opened() {
    played = 0;
    buffered = 0;
  }

  @Override
  public synchronized int write(byte[] b, int off, int len) {
    int frameSize = format.getFrameSize();
    if (len % frameSize != 0) {
      throw new IllegalArgumentException("not a whole number of frames: " + len);
    }
    int flushesAtStart = flushes;
    int done = 0;
    while (done < len && open && flushes == flushesAtStart) {
      advance();
      if (buffered == 0) {
        reanchor();
      }
      long space = bufferBytes / frameSize - buffered;
      int n = (int) Math.min(space * frameSize, len - done);
      if (n > 0) {
        accepted.write(b, off + done, n);
        buffered += n / frameSize;
        done += n;
      } else {
        pause(1_000_000L);
      }
    }
    return done;
  }

  @Override
  public synchronized void flush() {
    advance();
    flushedFrames += buffered;
    buffered = 0;
    flushes++;
    notifyAll();
  }

  @Override
  public synchronized void drain() {
    advance();
    while (open && buffered > 0) {
      pause(1_000_000L);
      advance();
    }
  }

  @Override
  public synchronized void start() {
    if (!running) {
      running = true;
      reanchor();
    }
  }

  @Override
  public synchronized void stop() {
    advance();
    running = false;
  }

  @Override
  public synchronized int available() {
    advance();
    return (int) (bufferBytes - buffered * format.getFrameSize());
  }

  @Override
  public synchronized long getLongFramePosition() {
    advance();
    return played;
  }

  /** Bytes the line accepted (including any that a flush later discarded). */
  public synchronized byte[] acceptedBytes() {
    return accepted.toByteArray();
  }

  public synchronized long flushedFrames() {
    return flushedFrames;
  }

  public synchronized int flushes() {
    return flushes;
  }

  /** Plays, at the clock's speed, what the buffer holds. */
  private void advance() {
    if (!running || format == null) {
      return;
    }
    long due = anchorPlayed + framesIn(System.nanoTime() - anchorNanos);
    long step = Math.min(due - played, buffered);
    if (step > 0) {
      played += step;
      buffered -= step;
      notifyAll();
    }
  }

  private void reanchor() {
    anchorNanos = System.nanoTime();
    anchorPlayed = played;
  }
}
