package voice.audio.out;

import java.util.concurrent.locks.LockSupport;

/**
 * Makes a file or stream sink behave like a sound card ({@code --realtime}): audio is held in
 * a small device-like buffer and handed to the inner sink at the speed it would be played, so
 * {@link #write} blocks as on a device and {@link #flush} discards the part not yet "played".
 * Like a device after an underrun, the clock restarts when audio comes back after a dry spell.
 * Forwarding happens inside the calls ({@link #write}, {@link #playedFrames}, {@link #drain}):
 * the playback writer polls {@link #playedFrames} while it waits, which keeps the tail moving.
 */
public final class RealtimePacedSink implements AudioSink {
  /** Device-like buffer, as {@link SpeakerSink}'s. */
  public static final int BUFFER_MS = 100;

  private final AudioSink inner;
  private int sampleRate;
  private byte[] buffer = new byte[0];
  private int buffered;
  private long playedFrames;
  private long clockStartNanos;
  private long clockStartFrame;

  public RealtimePacedSink(AudioSink inner) {
    this.inner = inner;
  }

  @Override
  public synchronized void open(int rate) {
    if (sampleRate != 0 && rate != sampleRate) {
      forward(buffered);
    }
    inner.open(rate);
    sampleRate = rate;
    buffer = new byte[rate * BUFFER_MS / 1000 * 2];
    buffered = 0;
    playedFrames = 0;
  }

  @Override
  public void write(byte[] pcm, int off, int len) {
    int done = 0;
    while (done < len) {
      long waitNanos;
      synchronized (this) {
        pump();
        if (buffered == 0) {
          restartClock();
        }
        int n = Math.min(len - done, buffer.length - buffered);
        System.arraycopy(pcm, off + done, buffer, buffered, n);
        buffered += n;
        done += n;
        waitNanos = done < len ? framesToNanos(Math.max(1, (len - done) / 2)) : 0;
      }
      if (waitNanos > 0) {
        LockSupport.parkNanos(Math.min(waitNanos, 5_000_000L));
      }
    }
  }

  @Override
  public synchronized void flush() {
    pump();
    buffered = 0;
  }

  @Override
  public void drain() {
    while (true) {
      long waitNanos;
      synchronized (this) {
        pump();
        if (buffered == 0) {
          break;
        }
        waitNanos = framesToNanos(buffered / 2);
      }
      LockSupport.parkNanos(Math.min(waitNanos, 5_000_000L));
    }
    inner.drain();
  }

  /** Hands the inner sink whatever is left (a file keeps what was written), then closes it. */
  @Override
  public synchronized void close() {
    forward(buffered);
    inner.close();
  }

  /** What is still buffered is dropped with the rest. */
  @Override
  public synchronized void discard() {
    buffered = 0;
    inner.discard();
  }

  @Override
  public synchronized long playedFrames() {
    pump();
    return playedFrames;
  }

  @Override
  public boolean realtime() {
    return true;
  }

  /** Forwards to the inner sink what the virtual device has played by now. */
  private void pump() {
    if (buffered == 0 || sampleRate == 0) {
      return;
    }
    long due = clockStartFrame + (System.nanoTime() - clockStartNanos) * sampleRate / 1_000_000_000L;
    long frames = Math.min(due - playedFrames, buffered / 2);
    if (frames > 0) {
      forward((int) frames * 2);
    }
  }

  private void forward(int bytes) {
    if (bytes <= 0) {
      return;
    }
    inner.write(buffer, 0, bytes);
    System.arraycopy(buffer, bytes, buffer, 0, buffered - bytes);
    buffered -= bytes;
    playedFrames += bytes / 2;
  }

  private void restartClock() {
    clockStartNanos = System.nanoTime();
    clockStartFrame = playedFrames;
  }

  private long framesToNanos(long frames) {
    return frames * 1_000_000_000L / sampleRate;
  }
}
