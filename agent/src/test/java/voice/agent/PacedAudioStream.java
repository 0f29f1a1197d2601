package voice.agent;

import java.io.InputStream;
import java.util.concurrent.locks.LockSupport;

/**
 * Raw 16 kHz mono s16le handed out no faster than it would be recorded, in pieces of a fixed
 * size (odd sizes split samples, as a pipe may), then the end of the stream: a microphone
 * behind a pipe, as {@code arecord} feeds one.
 */
public final class PacedAudioStream extends InputStream {
  private static final int BYTES_PER_SECOND = 32_000;
  private final byte[] audio;
  private final int piece;
  private long start = -1;
  private int next;

  public PacedAudioStream(byte[] audio, int piece) {
    this.audio = audio;
    this.piece = piece;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (next >= audio.length) {
      return -1;
    }
    if (start < 0) {
      start = System.nanoTime();
    }
    int n = Math.min(Math.min(len, piece), audio.length - next);
    long due = start + (next + n) * 1_000_000_000L / BYTES_PER_SECOND;
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
    System.arraycopy(audio, next, b, off, n);
    next += n;
    return n;
  }
}
