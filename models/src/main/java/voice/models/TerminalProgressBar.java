package voice.models;

import java.io.PrintStream;
import java.nio.file.Path;

/** A one-line bar redrawn with a carriage return: bytes, percentage, rate and ETA. */
public final class TerminalProgressBar implements ProgressListener {
  private static final int WIDTH = 24;
  private static final long REDRAW_MILLIS = 100;
  private final PrintStream out;
  private TransferRate rate;
  private String id = "";
  private long lastDraw = -REDRAW_MILLIS;

  public TerminalProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void started(ModelEntry entry, long resumedFrom, long total) {
    id = entry.id();
    rate = new TransferRate(resumedFrom);
    if (resumedFrom > 0) {
      out.println("resuming " + id + " at " + ByteSizes.format(resumedFrom));
    }
    draw(resumedFrom, total, true);
  }

  @Override
  public void transferred(long done, long total) {
    draw(done, total, total > 0 && done >= total);
  }

  private void draw(long done, long total, boolean force) {
    long now = rate.elapsedMillis();
    if (!force && now - lastDraw < REDRAW_MILLIS) {
      return;
    }
    lastDraw = now;
    StringBuilder line = new StringBuilder("\r").append(id).append(' ');
    if (total > 0) {
      int filled = (int) (WIDTH * Math.min(done, total) / total);
      line.append('[').append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
          .append(done * 100 / total).append("% ")
          .append(ByteSizes.format(done)).append(" / ").append(ByteSizes.format(total));
    } else {
      line.append(ByteSizes.format(done));
    }
    line.append("  ").append(ByteSizes.format(rate.bytesPerSecond(done))).append("/s")
        .append("  ETA ").append(rate.eta(done, total)).append("   ");
    out.print(line);
    out.flush();
  }

  @Override
  public void verifying(ModelEntry entry) {
    out.println();
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
