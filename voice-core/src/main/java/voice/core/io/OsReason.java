package voice.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Why a file could not be read or written, in the operating system's words ("permission
 * denied", "no such file or directory", "not a directory"), for one-line messages: NIO's
 * exceptions carry the reason apart from the path, and their message alone is often just the
 * path.
 */
public final class OsReason {
  private OsReason() {}

  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException fs) {
      return fs.getReason() != null ? fs.getReason().toLowerCase(Locale.ROOT) : "cannot use " + fs.getFile();
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "input/output error" : message;
  }
}
