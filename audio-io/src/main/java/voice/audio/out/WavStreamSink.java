package voice.audio.out;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import voice.audio.wav.WavHeader;

/**
 * A WAV stream (e.g. on stdout, for {@code | aplay} or {@code | sox -t wav - ...}): the header
 * carries the "unknown length" size 0xFFFFFFFF, as streaming tools write it, and every write
 * is flushed through so a player downstream hears it at once.
 */
public final class WavStreamSink implements AudioSink {
  private final OutputStream out;
  private int sampleRate;
  private long frames;

  public WavStreamSink(OutputStream out) {
    this.out = out;
  }

  @Override
  public void open(int rate) {
    if (sampleRate != 0) {
      if (rate != sampleRate) {
        throw new IllegalStateException("the WAV stream is at " + sampleRate
            + " Hz; cannot switch to " + rate + " Hz");
      }
      return;
    }
    sampleRate = rate;
    try {
      out.write(WavHeader.pcm16Mono(rate, -1));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the WAV stream: " + e.getMessage(), e);
    }
  }

  @Override
  public void write(byte[] pcm, int off, int len) {
    try {
      out.write(pcm, off, len);
      out.flush();
      frames += len / 2;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the WAV stream: " + e.getMessage(), e);
    }
  }

  /** Bytes already sent cannot be taken back. */
  @Override
  public void flush() {}

  @Override
  public void drain() {}

  @Override
  public void close() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the WAV stream: " + e.getMessage(), e);
    }
  }

  @Override
  public long playedFrames() {
    return frames;
  }

  @Override
  public boolean realtime() {
    return false;
  }
}
