package voice.audio.in;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import io.vertx.core.Vertx;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.stage.StageThreads;
import voice.core.message.AudioFrame;

/** Raw audio from a pipe ({@code chat --in -}): frames as the bytes arrive, the end of the stream ends the input. */
class StreamAudioSourceTest {
  @Test
  void framesComeAsTheBytesArriveAndTheEndOfTheStreamIsTheLast() throws Exception {
    byte[] raw = Files.readAllBytes(FileAudioSourceTest.GO_FORWARD);
    BlockingQueue<AudioFrame> frames = new LinkedBlockingQueue<>();
    Vertx vertx = Vertx.vertx();
    Codecs.register(vertx);
    try (StageThreads threads = new StageThreads("pipe")) {
      hearsThePipe(vertx, threads, raw, frames);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void hearsThePipe(Vertx vertx, StageThreads threads, byte[] raw, BlockingQueue<AudioFrame> frames)
      throws Exception {
    vertx.eventBus().<AudioFrame>consumer(Addresses.scoped(Addresses.AUDIO_IN, "pipe"), m -> frames.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream pipe = new PipedInputStream(writer, 1 << 16);
    vertx.deployVerticle(new StreamAudioSource(pipe, "pipe", threads.single("pipe")))
        .await(10, TimeUnit.SECONDS);

    int half = raw.length / 2 + 1; // an odd split: a sample waits for its second byte
    writer.write(raw, 0, half);
    writer.flush();
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int whole = half / 640; // the frames the first half completes, before any more is written
    for (int k = 0; k < whole; k++) {
      AudioFrame f = frames.poll(20, TimeUnit.SECONDS);
      assertThat(f).as("frame %d of the first half", k).isNotNull();
      assertThat(f.last()).isFalse();
      joined.writeBytes(f.pcm().getBytes());
    }
    writer.write(raw, half, raw.length - half);
    writer.close();
    for (AudioFrame f = frames.poll(20, TimeUnit.SECONDS); ; f = frames.poll(20, TimeUnit.SECONDS)) {
      assertThat(f).as("waiting for the last frame").isNotNull();
      joined.writeBytes(f.pcm().getBytes());
      if (f.last()) {
        break;
      }
    }
    assertThat(joined.toByteArray()).as("every byte, in order").isEqualTo(raw);
  }
}
