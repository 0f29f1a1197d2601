package voice.agent.server.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory (VmRSS) of a process, from Linux's {@code /proc/PID/status}: what a session
 * really costs the machine (native decoders, thread stacks and arenas included), which heap
 * figures leave out.
 */
public final class ResidentMemory {
  private ResidentMemory() {}

  /** This process's resident memory in bytes. */
  public static long self() {
    return bytes(ProcessHandle.current().pid());
  }

  /** Process {@code pid}'s resident memory in bytes. */
  public static long bytes(long pid) {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) { // "VmRSS:   123456 kB"
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status, e);
    }
    throw new IllegalStateException("no VmRSS in " + status);
  }
}
