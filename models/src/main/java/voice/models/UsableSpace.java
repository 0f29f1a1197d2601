package voice.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free bytes a download may use in a folder; tests hand in their own. */
@FunctionalInterface
public interface UsableSpace {
  UsableSpace FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

  long at(Path dir) throws IOException;

  /** Throws a clear error when {@code needed} bytes do not fit in {@code dir}. */
  default void require(Path dir, long needed, String what) {
    long free;
    try {
      free = at(dir);
    } catch (IOException e) {
      return; // cannot tell: let the write itself fail
    }
    if (needed > free) {
      throw new ModelException("not enough disk space for " + what + ": it needs "
          + ByteSizes.format(needed) + " but only " + ByteSizes.format(free) + " is free in "
          + dir + " (free some space or use --models-dir on another disk)");
    }
  }
}
