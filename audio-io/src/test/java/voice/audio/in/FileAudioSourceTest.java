package voice.audio.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.audio.Signals;
import voice.audio.out.WavFileSink;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.CaptureStarted;
import voice.core.message.AudioFrame;
import voice.core.stage.StageThreads;

class FileAudioSourceTest {
  static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
  static Vertx vertx;
  static final StageThreads threads = new StageThreads("test");

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
  }

  @AfterAll
  static void stopVertx() throws Exception {
    threads.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** Deploys a source and collects frames up to the last, and events, in arrival order. */
  static List<Object> replay(Path file, String scope, boolean realtime) throws Exception {
    BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    vertx.eventBus().<AudioFrame>consumer(Addresses.scoped(Addresses.AUDIO_IN, scope), m -> seen.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().<CaptureStarted>consumer(Addresses.scoped(Addresses.CAPTURE_STARTED, scope), m -> seen.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    vertx.deployVerticle(new FileAudioSource(file, scope, realtime, threads.single("input"))).await(10, TimeUnit.SECONDS);
    List<Object> all = new ArrayList<>();
    while (true) {
      Object o = seen.poll(20, TimeUnit.SECONDS);
      assertThat(o).as("waiting for the last frame").isNotNull();
      all.add(o);
      if (o instanceof AudioFrame f && f.last()) {
        return all;
      }
    }
  }

  @Test
  void publishesTheRecordingAs20msFramesWithTheLastFlagged() throws Exception {
    short[] samples = FileAudioSource.readMono16k(GO_FORWARD);
    List<Object> seen = replay(GO_FORWARD, "fast", false);

    assertThat(seen.get(0)).isInstanceOf(CaptureStarted.class);
    List<AudioFrame> frames = seen.stream().skip(1).map(AudioFrame.class::cast).toList();
    assertThat(frames).hasSize((samples.length + 319) / 320);
    byte[] joined = new byte[samples.length * 2];
    int pos = 0;
    for (int k = 0; k < frames.size(); k++) {
      AudioFrame f = frames.get(k);
      assertThat(f.offsetMs()).isEqualTo(20L * k);
      assertThat(f.last()).isEqualTo(k == frames.size() - 1);
      if (!f.last()) {
        assertThat(f.pcm().length()).isEqualTo(640);
      }
      f.pcm().getBytes(joined, pos);
      pos += f.pcm().length();
    }
    assertThat(pos).isEqualTo(joined.length);
    assertThat(joined).isEqualTo(Signals.bytes(samples));
  }

  @Test
  void pacesAStereo48kWavLikeAMicrophone(@TempDir Path dir) throws Exception {
    Path wav = dir.resolve("stereo48k.wav");
    Files.write(wav, stereo48kWav(dir));
    long start = System.nanoTime();
    List<Object> seen = replay(wav, "paced", true);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    List<AudioFrame> frames = seen.stream().filter(AudioFrame.class::isInstance).map(AudioFrame.class::cast).toList();
    assertThat(frames).hasSize(25); // 0.5 s at 16 kHz = 8000 samples = 25 frames of 320
    assertThat(frames.get(24).last()).isTrue();
    assertThat(frames.get(24).offsetMs()).isEqualTo(480);
    assertThat(frames).allSatisfy(f -> assertThat(f.durationMs()).isEqualTo(20));
    assertThat(elapsedMs).as("a microphone cannot deliver 500 ms sooner").isGreaterThanOrEqualTo(500);
  }

  @Test
  void aBadFileFailsTheDeploymentWithOneLine(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio");
    assertThatThrownBy(() -> vertx.deployVerticle(new FileAudioSource(bad, "bad", true, threads.single("input"))).await(10, TimeUnit.SECONDS))
        .hasMessage(bad + ": not a WAV file (no RIFF/WAVE header)");
  }

  private static byte[] stereo48kWav(Path dir) throws Exception {
    short[] mono = Signals.sine(48_000, 1, 1000, 8000, 0.5).interleavedSamples();
    Path tmp = dir.resolve("mono.wav");
    WavFileSink sink = new WavFileSink(tmp);
    sink.open(48_000);
    sink.write(Signals.bytes(mono), 0, mono.length * 2);
    sink.close();
    Path stereo = dir.resolve("stereo.wav");
    new ProcessBuilder("sox", tmp.toString(), "-c", "2", stereo.toString()).inheritIO().start().waitFor();
    return Files.readAllBytes(stereo);
  }
}
