package voice.agent.server.transcript;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.agent.UserError;

/**
 * The transcript log: one JSON line per answered turn, appended and flushed as each turn ends,
 * so nothing said is lost when the process dies. When the file would grow past
 * {@code maxBytes} it is rotated ({@code FILE.1} is the newest old file, up to {@code keep}).
 * Writing runs on its own thread: an event loop only queues the line. The files are created
 * readable by their owner only (600).
 */
public final class TranscriptLog implements AutoCloseable {
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 5;
  private static final Logger LOG = LoggerFactory.getLogger(TranscriptLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] END = new byte[0];
  private static final java.util.Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private final Path path;
  private final long maxBytes;
  private final int keep;
  private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private OutputStream out;
  private long size;

  private TranscriptLog(Path path, long maxBytes, int keep) throws IOException {
    this.path = path;
    this.maxBytes = maxBytes;
    this.keep = keep;
    openFile();
    thread = new Thread(this::drain, "transcript-log");
    thread.setDaemon(true);
    thread.start();
  }

  /** Opens (creating folders) or fails with one line for the user. */
  public static TranscriptLog open(Path path, long maxBytes, int keep) {
    try {
      if (path.toAbsolutePath().getParent() != null) {
        Files.createDirectories(path.toAbsolutePath().getParent());
      }
      return new TranscriptLog(path, maxBytes, keep);
    } catch (IOException | RuntimeException e) {
      throw new UserError("cannot write the transcript log " + path + ": " + e.getMessage());
    }
  }

  /** {@code $XDG_STATE_HOME/voice-agent/transcripts.jsonl}, else under {@code ~/.local/state}. */
  public static Path defaultPath(Map<String, String> env) {
    String base = env.getOrDefault("XDG_STATE_HOME", "");
    if (base.isBlank()) {
      base = Path.of(System.getProperty("user.home", "."), ".local", "state").toString();
    }
    return Path.of(base, "voice-agent", "transcripts.jsonl");
  }

  public Path path() {
    return path;
  }

  /** Queues one turn's entry; it is written and flushed on the log's thread. */
  public void append(Map<String, Object> entry) {
    try {
      queue.add((JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("transcript entry not serializable: {}", e.getMessage());
    }
  }

  /** Writes what is queued, then closes the file. */
  @Override
  public void close() {
    queue.add(END);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void drain() {
    try {
      for (byte[] line = queue.take(); line != END; line = queue.take()) {
        write(line);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeFile();
    }
  }

  private void write(byte[] line) {
    try {
      if (size > 0 && size + line.length > maxBytes) {
        rotate();
      }
      out.write(line);
      out.flush();
      size += line.length;
    } catch (IOException e) {
      LOG.error("cannot write the transcript log {}: {}", path, e.getMessage());
    }
  }

  private void rotate() throws IOException {
    closeFile();
    for (int i = keep - 1; i >= 1; i--) {
      Path older = sibling(i);
      if (Files.exists(older)) {
        Files.move(older, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep >= 1) {
      Files.move(path, sibling(1), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(path);
    }
    openFile();
  }

  private Path sibling(int index) {
    return path.resolveSibling(path.getFileName() + "." + index);
  }

  /** Only its owner may read it: it holds what users said. */
  private void openFile() throws IOException {
    try {
      if (!Files.exists(path)) {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
      Files.setPosixFilePermissions(path, OWNER_ONLY); // also an older file, created before this rule
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file inherits the folder's access rules.
    }
    out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    size = Files.size(path);
  }

  private void closeFile() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      LOG.warn("closing the transcript log: {}", e.getMessage());
    }
  }
}
