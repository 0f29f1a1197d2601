package voice.audio.out;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import voice.audio.wav.WavHeader;

/**
 * Writes a RIFF/WAVE PCM file. Every turn's audio is appended to the same file; the header's
 * sizes are patched on each {@link #drain} and at {@link #close}, so the file is valid after
 * each turn even if the process is killed later.
 */
public final class WavFileSink implements AudioSink {
  private final Path path;
  private RandomAccessFile file;
  private int sampleRate;
  private long dataBytes;

  public WavFileSink(Path path) {
    this.path = path;
  }

  @Override
  public void open(int rate) {
    if (file != null) {
      if (rate != sampleRate) {
        throw new IllegalStateException(path + " is being written at " + sampleRate
            + " Hz; cannot switch to " + rate + " Hz");
      }
      return;
    }
    try {
      file = new RandomAccessFile(path.toFile(), "rw");
      file.setLength(0);
      file.write(WavHeader.pcm16Mono(rate, 0));
      sampleRate = rate;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(byte[] pcm, int off, int len) {
    try {
      file.write(pcm, off, len);
      dataBytes += len;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  /** A file has no unplayed part: what was written stays. */
  @Override
  public void flush() {}

  @Override
  public void drain() {
    patchHeader();
  }

  @Override
  public void close() {
    if (file == null) {
      return;
    }
    patchHeader();
    try {
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    } finally {
      file = null;
    }
  }

  @Override
  public long playedFrames() {
    return dataBytes / 2;
  }

  @Override
  public boolean realtime() {
    return false;
  }

  private void patchHeader() {
    if (file == null) {
      return;
    }
    try {
      long end = file.getFilePointer();
      file.seek(0);
      file.write(WavHeader.pcm16Mono(sampleRate, dataBytes));
      file.seek(end);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }
}
