package voice.models;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Progress for logs and pipes: a line at every 10% (or every 10 MB when the size is
 * unknown), and at most one a second.
 */
public final class ProgressLines implements ProgressListener {
  private static final long UNKNOWN_SIZE_STEP = 10_000_000;
  private final PrintStream out;
  private TransferRate rate;
  private String id = "";
  private long lastStep;
  private long lastLine = Long.MIN_VALUE / 2;

  public ProgressLines(PrintStream out) {
    this.out = out;
  }

  @Override
  public void started(ModelEntry entry, long resumedFrom, long total) {
    id = entry.id();
    rate = new TransferRate(resumedFrom);
    lastStep = step(resumedFrom, total);
    String size = total > 0 ? ByteSizes.format(total) : "size unknown";
    out.println(resumedFrom > 0
        ? "resuming " + id + " at " + ByteSizes.format(resumedFrom) + " of " + size
        : "downloading " + id + " (" + size + ") from " + entry.url());
  }

  @Override
  public void transferred(long done, long total) {
    long step = step(done, total);
    boolean complete = total > 0 && done >= total;
    long now = rate.elapsedMillis();
    if (step > lastStep && (complete || now - lastLine >= 1000)) {
      lastStep = step;
      lastLine = now;
      out.println(id + ": " + ByteSizes.format(done)
          + (total > 0 ? " of " + ByteSizes.format(total) + " (" + done * 100 / total + "%)" : "")
          + ", " + ByteSizes.format(rate.bytesPerSecond(done)) + "/s"
          + (complete ? "" : ", ETA " + rate.eta(done, total)));
    }
  }

  private static long step(long done, long total) {
    return total > 0 ? done * 10 / total : done / UNKNOWN_SIZE_STEP;
  }

  @Override
  public void verifying(ModelEntry entry) {
    out.println("checking the SHA-256 of " + entry.id());
  }

  @Override
  public void unpacking(ModelEntry entry) {
    out.println("unpacking " + entry.id());
  }

  @Override
  public void finished(ModelEntry entry, Path installed) {
    out.println("installed " + entry.id() + " at " + installed);
  }
}
