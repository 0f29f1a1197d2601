package voice.audio.in;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.audio.Pcm16;
import voice.core.stage.Stage;

/**
 * Raw 16 kHz mono signed 16-bit little-endian audio read from a stream ({@code chat --in -}:
 * standard input, fed by {@code arecord} or a simulated room), published as 20 ms
 * {@link voice.core.message.AudioFrame}s as the bytes arrive: the stream's writer sets the pace,
 * as a sound card does. The end of the stream ends the input (a last frame with {@code last = true}).
 * Reading blocks, so it runs on the executor handed in; a read in progress when the source is
 * stopped is left to the process's exit (standard input cannot be interrupted).
 */
public final class StreamAudioSource extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(StreamAudioSource.class);
  private final InputStream in;
  private final Stage stage;
  private volatile boolean stopping;

  public StreamAudioSource(InputStream in, String scope, Executor readThread) {
    this.in = in;
    this.stage = Stage.of(scope, readThread);
  }

  @Override
  public Future<?> start() {
    FramePublisher publisher = new FramePublisher(vertx.eventBus(), stage.scope());
    stage.executor().execute(() -> read(publisher));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    return Future.succeededFuture();
  }

  private void read(FramePublisher publisher) {
    byte[] bytes = new byte[640];
    int carried = 0; // an odd byte waits for its partner
    try {
      for (int n = in.read(bytes, carried, bytes.length - carried); n >= 0 && !stopping;
          n = in.read(bytes, carried, bytes.length - carried)) {
        int whole = (carried + n) & ~1;
        short[] samples = Pcm16.samples(bytes, 0, whole);
        publisher.add(samples, 0, samples.length);
        carried = carried + n - whole;
        if (carried > 0) {
          bytes[0] = bytes[whole];
        }
      }
    } catch (IOException e) {
      LOG.warn("reading the audio stream failed: {}", e.getMessage());
    }
    if (!stopping) {
      publisher.end();
    }
  }
}
