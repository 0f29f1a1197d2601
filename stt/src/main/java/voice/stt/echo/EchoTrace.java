package voice.stt.echo;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the echo path saw, frame by frame, for finding out why a frame passed the gate: with
 * {@code -Dvoice.echo.trace=DIR} each gate writes {@code gate-N.pcm} (the microphone as captured
 * and the reference it was given, as 16 kHz stereo s16le) and {@code gate-N.csv} (its energies
 * and decision per 20 ms), so a run can be replayed offline. Off (null) without the property.
 */
final class EchoTrace implements AutoCloseable {
  static final String PROPERTY = "voice.echo.trace";
  private static final AtomicInteger GATES = new AtomicInteger();

  private final OutputStream pcm;
  private final PrintWriter csv;
  private long frames;

  private EchoTrace(Path dir) throws IOException {
    Files.createDirectories(dir);
    int n = GATES.incrementAndGet();
    pcm = new BufferedOutputStream(Files.newOutputStream(dir.resolve("gate-" + n + ".pcm")));
    csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("gate-" + n + ".csv")));
    csv.println("frame,raw_db,heard_db,judged_db,excess_db,aligned_db,loose_db,bar_db,delay_ms,trusted,echo,lost_ms");
  }

  /** A trace into the folder the system property names, or null when it names none. */
  static EchoTrace fromSystemProperty() {
    String dir = System.getProperty(PROPERTY);
    if (dir == null || dir.isBlank()) {
      return null;
    }
    try {
      return new EchoTrace(Path.of(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the echo trace to " + dir, e);
    }
  }

  void frame(short[] raw, short[] played, int n, double heard, double judged, double excess, double aligned,
      double loose, double bar, int delayMs, boolean trusted, boolean echo, long lostMs) {
    try {
      byte[] out = new byte[4 * n];
      for (int i = 0; i < n; i++) {
        out[4 * i] = (byte) raw[i];
        out[4 * i + 1] = (byte) (raw[i] >> 8);
        out[4 * i + 2] = (byte) played[i];
        out[4 * i + 3] = (byte) (played[i] >> 8);
      }
      pcm.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    csv.printf(Locale.ROOT, "%d,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%d,%d,%d,%d%n", frames++, db(energy(raw, n)), db(heard),
        db(judged), db(excess), db(aligned), db(loose), db(bar), delayMs, trusted ? 1 : 0, echo ? 1 : 0, lostMs);
  }

  private static double energy(short[] pcm, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return sum / n;
  }

  private static double db(double meanSquare) {
    return 10 * Math.log10(Math.max(1, meanSquare));
  }

  @Override
  public void close() {
    try {
      pcm.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    csv.close();
  }
}
