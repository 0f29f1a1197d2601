package voice.audio.out;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import voice.audio.wav.WavHeader;
import voice.core.io.OsReason;

/**
 * Writes a RIFF/WAVE PCM file. The audio goes to a hidden temporary file beside the target,
 * created at construction (so an unwritable target fails before anything else starts), and
 * {@link #close} moves it into place in one step: the target appears only complete, and a run
 * that fails ({@link #discard}) leaves no file and an existing target untouched. Every turn's
 * audio is appended; the header's sizes are patched on each {@link #drain} and at close, so even
 * the temporary file of a killed process is a valid WAV.
 *
 * <p>Calls are synchronized: a signal handler may {@link #close} while the playback thread
 * writes, and audio arriving after the close is dropped.
 */
public final class WavFileSink implements AudioSink {
  /** The target as the user named it (for messages), and where it really is. */
  private final Path shown;
  private final Path path;
  private final Path partial;
  private RandomAccessFile file;
  private boolean finished;
  private int sampleRate;
  private long dataBytes;

  /** Creates the temporary file; throws {@link UncheckedIOException} with the OS's reason if it cannot. */
  public WavFileSink(Path path) {
    this.shown = path;
    this.path = path.toAbsolutePath();
    if (Files.isDirectory(this.path)) {
      throw new UncheckedIOException("cannot write " + shown + ": it is a directory", new IOException("a directory"));
    }
    Path folder = this.path.getParent();
    try {
      if (Files.exists(this.path) && !Files.isWritable(this.path)) {
        throw new AccessDeniedException(shown.toString());
      }
      // Not createTempFile: its owner-only permissions would stay with the finished file.
      partial = Files.createFile(folder.resolve("." + this.path.getFileName() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + shown + ": " + reason(e, folder), e);
    }
    // A process that exits normally before close (an early error) leaves nothing behind.
    partial.toFile().deleteOnExit();
  }

  @Override
  public synchronized void open(int rate) {
    if (finished) {
      return;
    }
    if (file != null) {
      if (rate != sampleRate) {
        throw new IllegalStateException(shown + " is being written at " + sampleRate
            + " Hz; cannot switch to " + rate + " Hz");
      }
      return;
    }
    try {
      file = new RandomAccessFile(partial.toFile(), "rw");
      file.setLength(0);
      file.write(WavHeader.pcm16Mono(rate, 0));
      sampleRate = rate;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  @Override
  public synchronized void write(byte[] pcm, int off, int len) {
    if (finished) {
      return;
    }
    try {
      file.write(pcm, off, len);
      dataBytes += len;
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** A file has no unplayed part: what was written stays. */
  @Override
  public void flush() {}

  @Override
  public synchronized void drain() {
    patchHeader();
  }

  /** Finishes the header and moves the file into place (an empty WAV when nothing was written). */
  @Override
  public synchronized void close() {
    if (finished) {
      return;
    }
    try {
      if (file == null) {
        open(16_000);
      }
      patchHeader();
      file.close();
      Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw failure(e);
    } finally {
      finished = true;
      file = null;
    }
  }

  /** Deletes what was written: the target is left as it was. */
  @Override
  public synchronized void discard() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      if (file != null) {
        file.close();
      }
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      throw failure(e);
    } finally {
      file = null;
    }
  }

  @Override
  public synchronized long playedFrames() {
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
      throw failure(e);
    }
  }

  private UncheckedIOException failure(IOException e) {
    return new UncheckedIOException("cannot write " + shown + ": " + reason(e, path.getParent()), e);
  }

  private static String reason(IOException e, Path folder) {
    return e instanceof NoSuchFileException && !Files.isDirectory(folder)
        ? "no such directory: " + folder : OsReason.of(e);
  }
}
