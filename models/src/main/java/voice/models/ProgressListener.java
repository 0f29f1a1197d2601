package voice.models;

import java.io.PrintStream;
import java.nio.file.Path;

/** Follows one pull: download, checksum, unpack, done. Every method has a no-op default. */
public interface ProgressListener {
  ProgressListener NONE = new ProgressListener() {};

  /** The transfer starts; {@code total} is 0 when the size is unknown. */
  default void started(ModelEntry entry, long resumedFrom, long total) {}

  default void transferred(long done, long total) {}

  default void verifying(ModelEntry entry) {}

  default void unpacking(ModelEntry entry) {}

  /** One archive entry was written to the temporary folder. */
  default void unpacked(String entryName) {}

  default void finished(ModelEntry entry, Path installed) {}

  /** A redrawn bar when {@code out} is a terminal, else a few plain lines. */
  static ProgressListener forOutput(PrintStream out, boolean terminal) {
    return terminal ? new TerminalProgressBar(out) : new ProgressLines(out);
  }

  /** {@link #forOutput} on standard output, a bar when a console is attached. */
  static ProgressListener forConsole() {
    return forOutput(System.out, System.console() != null);
  }
}
