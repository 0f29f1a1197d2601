package voice.models;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An OS file lock so two pulls (or a pull and an rm) of one model never run at once. */
final class PullLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private PullLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static PullLock acquire(Path lockFile, String id) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return new PullLock(channel, lock);
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM: the same answer as another process holding it
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ModelException("cannot lock " + lockFile + ": " + Failures.describe(e));
    }
    closeQuietly(channel);
    throw new ModelException("another pull of " + id + " is running (it holds " + lockFile
        + "); wait for it to finish, then run this again");
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it anyway
    }
    closeQuietly(channel);
  }
}
