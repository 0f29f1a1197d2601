package voice.audio.in;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import voice.audio.wav.WavReader;
import voice.core.audio.Pcm16;
import voice.core.stage.Stage;

/**
 * Replays a recording as if a microphone captured it ({@code --in FILE}): a WAV of any rate,
 * mono or stereo, or a {@code .raw} file (16 kHz mono 16-bit little-endian), converted to
 * 16 kHz mono and published as 20 ms {@link voice.core.message.AudioFrame}s on the scope's
 * audio-in address. In real time, frame k is published (k + 1) * 20 ms after the start, as a
 * sound card hands over a period once it is recorded; deadlines are absolute, so sleeping late
 * never accumulates drift. The final frame has {@code last = true}.
 */
public final class FileAudioSource extends VerticleBase {
  private final Path file;
  private final short[] samples;
  private final Stage stage;
  private final boolean realtime;
  private final Promise<Void> finished = Promise.promise();
  private volatile boolean stopping;
  private CompletableFuture<Void> replaying;

  /**
   * @param realtime true to pace like a microphone; false to publish as fast as possible
   * @param replayThread runs the replay (a thread of its own); the caller shuts it down
   */
  public FileAudioSource(Path file, String scope, boolean realtime, Executor replayThread) {
    this(file, null, scope, realtime, replayThread);
  }

  /**
   * Replays a recording already read with {@link #readMono16k} (so that a missing or broken
   * file was reported before anything started).
   */
  public FileAudioSource(short[] mono16k, String scope, boolean realtime, Executor replayThread) {
    this(null, mono16k, scope, realtime, replayThread);
  }

  private FileAudioSource(Path file, short[] samples, String scope, boolean realtime, Executor replayThread) {
    this.file = file;
    this.samples = samples;
    this.stage = Stage.of(scope, replayThread);
    this.realtime = realtime;
  }

  /** Reads a WAV or {@code .raw} file as 16 kHz mono 16-bit samples. */
  public static short[] readMono16k(Path file) throws IOException {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".raw")) {
      return WavReader.read(file).toMono16k();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file: " + file);
    }
    return Pcm16.samples(bytes, 0, bytes.length);
  }

  /** Completes once the last frame has been published (or the source was stopped). */
  public Future<Void> finished() {
    return finished.future();
  }

  @Override
  public Future<?> start() {
    Future<short[]> read = samples != null ? Future.succeededFuture(samples) : vertx.executeBlocking(() -> readMono16k(file));
    return read.map(pcm -> {
      FramePublisher publisher = new FramePublisher(vertx.eventBus(), stage.scope());
      replaying = CompletableFuture.runAsync(() -> replay(pcm, publisher), stage.executor());
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return vertx.executeBlocking(() -> {
      if (replaying != null) {
        replaying.join(); // the replay sees stopping within one frame
      }
      finished.tryComplete();
      return null;
    });
  }

  private void replay(short[] samples, FramePublisher publisher) {
    int frame = FramePublisher.FRAME_SAMPLES;
    long start = System.nanoTime();
    int frames = Math.max(1, (samples.length + frame - 1) / frame);
    for (int k = 0; k < frames && !stopping; k++) {
      if (realtime) {
        long due = start + (k + 1) * 20_000_000L;
        for (long wait = due - System.nanoTime(); wait > 0 && !stopping; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        if (stopping) {
          break;
        }
      }
      int off = k * frame;
      publisher.publish(samples, off, Math.min(frame, samples.length - off), k == frames - 1);
    }
    finished.tryComplete();
  }
}
