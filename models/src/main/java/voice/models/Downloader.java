package voice.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches a model into its {@code .partial} file, resuming with {@code Range} from what is
 * already there, and starting over when the server answers the whole file instead.
 */
final class Downloader {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  // A transfer that sends nothing for this long is given up (and can be resumed).
  private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);
  private final HttpClient client;
  private final UsableSpace space;

  Downloader(HttpClient client, UsableSpace space) {
    this.client = client;
    this.space = space;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** Space needed beyond the download itself: room to unpack an archive (an estimate). */
  static long unpackEstimate(ModelEntry entry, long total) {
    return entry.archive() == ModelEntry.Archive.ZIP ? total * 2 : 0;
  }

  /** Leaves the complete file at {@code partial} (not yet verified). */
  void download(ModelEntry entry, Path partial, ProgressListener listener) {
    long have = sizeOf(partial);
    if (entry.bytes() > 0 && have > entry.bytes()) {
      delete(partial);
      have = 0;
    }
    if (entry.bytes() > 0 && have == entry.bytes()) {
      listener.started(entry, have, have);
      return; // a previous pull got it all and stopped before installing
    }
    if (entry.bytes() > 0) {
      space.require(partial.getParent(), entry.bytes() - have
          + unpackEstimate(entry, entry.bytes()), entry.id());
    }
    try {
      fetch(entry, partial, have, listener, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelException("the download of " + entry.id() + " was interrupted;"
          + " run the same command again to resume");
    }
  }

  private void fetch(ModelEntry entry, Path partial, long have, ProgressListener listener,
      boolean mayRestart) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(entry.url())
        .header("User-Agent", "voice-agent").GET();
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException | IllegalArgumentException e) {
      throw unreachable(entry, Failures.describe(e));
    }
    int status = response.statusCode();
    long start = 0;
    long total;
    if (status == 206) {
      Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
      if (!range.matches() || Long.parseLong(range.group(1)) != have) {
        close(response);
        delete(partial);
        if (!mayRestart) {
          throw new ModelException("the server sent a wrong range for " + entry.id());
        }
        fetch(entry, partial, 0, listener, false);
        return;
      }
      start = have;
      total = range.group(3).equals("*") ? lengthAfter(response, start) : Long.parseLong(range.group(3));
    } else if (status == 200) {
      total = lengthAfter(response, 0); // the whole file again: the partial is overwritten
    } else if (status == 416 && have > 0 && mayRestart) {
      close(response);
      delete(partial); // our partial is not a prefix of what the server has
      fetch(entry, partial, 0, listener, false);
      return;
    } else {
      close(response);
      throw unreachable(entry, "HTTP " + status);
    }
    if (entry.bytes() > 0 && total > 0 && total != entry.bytes()) {
      close(response);
      delete(partial);
      throw new ModelException("the server has " + ByteSizes.format(total) + " for " + entry.id()
          + " but the catalogue says " + entry.bytes() + " bytes: the file changed or the URL"
          + " is wrong (" + entry.url() + ")");
    }
    if (entry.bytes() <= 0 && total > 0) {
      try {
        space.require(partial.getParent(), total - start + unpackEstimate(entry, total), entry.id());
      } catch (ModelException e) {
        close(response);
        throw e;
      }
    }
    copy(entry, response, partial, start, total, listener);
  }

  private static void copy(ModelEntry entry, HttpResponse<InputStream> response, Path partial,
      long start, long total, ProgressListener listener) {
    listener.started(entry, start, total);
    long done = start;
    StandardOpenOption mode = start > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = response.body();
        StallWatch watch = new StallWatch(in, STALL_TIMEOUT);
        OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, mode)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        watch.alive();
        out.write(buffer, 0, n);
        done += n;
        listener.transferred(done, total);
      }
      if (watch.stalled()) {
        throw new IOException("the server sent nothing for " + STALL_TIMEOUT.toSeconds() + " s");
      }
    } catch (IOException e) {
      throw new ModelException("the download of " + entry.id() + " stopped after "
          + ByteSizes.format(done) + (total > 0 ? " of " + ByteSizes.format(total) : "") + " ("
          + Failures.describe(e) + "); run the same command again to resume");
    }
    if (total > 0 && done != total) {
      throw new ModelException("the download of " + entry.id() + " stopped after "
          + ByteSizes.format(done) + " of " + ByteSizes.format(total)
          + "; run the same command again to resume");
    }
  }

  private static ModelException unreachable(ModelEntry entry, String why) {
    return new ModelException("cannot download " + entry.id() + " from " + entry.url() + " ("
        + why + "). To install it by hand, fetch that URL on another machine and run"
        + " 'voice-agent models pull " + entry.id() + " --from FILE'; 'voice-agent models path "
        + entry.id() + "' shows where it goes");
  }

  private static long lengthAfter(HttpResponse<?> response, long start) {
    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
    return length.isPresent() ? start + length.getAsLong() : 0;
  }

  private static void close(HttpResponse<InputStream> response) {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // the connection is dropped either way
    }
  }

  static long sizeOf(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover partial is overwritten by the next pull
    }
  }
}
