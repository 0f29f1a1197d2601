package voice.audio.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.audio.PcmAudio;
import voice.audio.Signals;
import voice.audio.device.AudioDeviceException;
import voice.audio.testdevice.VirtualDeviceProvider;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.CaptureStarted;
import voice.core.message.AudioFrame;
import voice.core.stage.StageThreads;

/** Capture through the virtual microphone, which records a given signal in real time. */
class MicrophoneSourceTest {
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

  @AfterEach
  void replug() {
    VirtualDeviceProvider.plugged(true);
  }

  /** Captures {@code count} frames from the microphone, then undeploys it. */
  static List<AudioFrame> capture(String scope, int count, BlockingQueue<CaptureStarted> events, MicrophoneSource[] used)
      throws Exception {
    BlockingQueue<AudioFrame> frames = new LinkedBlockingQueue<>();
    vertx.eventBus().<AudioFrame>consumer(Addresses.scoped(Addresses.AUDIO_IN, scope), m -> frames.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    vertx.eventBus().<CaptureStarted>consumer(Addresses.scoped(Addresses.CAPTURE_STARTED, scope), m -> events.add(m.body()))
        .completion().await(5, TimeUnit.SECONDS);
    MicrophoneSource mic = new MicrophoneSource("MICROPHONE", scope, threads.single("microphone"));
    used[0] = mic;
    String id = vertx.deployVerticle(mic).await(10, TimeUnit.SECONDS);
    List<AudioFrame> got = new ArrayList<>();
    while (got.size() < count) {
      AudioFrame f = frames.poll(20, TimeUnit.SECONDS);
      assertThat(f).as("waiting for frame %d", got.size()).isNotNull();
      got.add(f);
    }
    vertx.undeploy(id).await(10, TimeUnit.SECONDS);
    return got;
  }

  @Test
  void convertsA48kStereoDeviceTo16kMonoFrames() throws Exception {
    VirtualDeviceProvider.microphoneRecords(Signals.sine(48_000, 2, 1000, 9000, 3));
    BlockingQueue<CaptureStarted> events = new LinkedBlockingQueue<>();
    MicrophoneSource[] mic = new MicrophoneSource[1];

    List<AudioFrame> frames = capture("mic48", 50, events, mic);

    assertThat(mic[0].format().getSampleRate()).isEqualTo(48_000);
    assertThat(mic[0].format().getChannels()).isEqualTo(2);
    assertThat(events.poll(5, TimeUnit.SECONDS)).as("capture started").isNotNull();
    short[] samples = new short[50 * 320];
    for (int k = 0; k < frames.size(); k++) {
      AudioFrame f = frames.get(k);
      assertThat(f.offsetMs()).isEqualTo(20L * k);
      assertThat(f.pcm().length()).isEqualTo(640);
      assertThat(f.last()).isFalse();
      for (int i = 0; i < 320; i++) {
        samples[k * 320 + i] = f.pcm().getShortLE(2 * i);
      }
    }
    // Skip the resampler's start-up, then the 1 kHz tone must be there at full amplitude.
    assertThat(Signals.amplitudeAt(samples, 1600, 16_000, 16_000, 1000)).isCloseTo(9000, within(150.0));
  }

  @Test
  void a16kMonoDeviceIsPassedThroughUnchanged() throws Exception {
    short[] recording = FileAudioSource.readMono16k(Path.of("/usr/share/pocketsphinx/test/data/goforward.raw"));
    VirtualDeviceProvider.microphoneRecords(new PcmAudio(16_000, 1, recording));
    MicrophoneSource[] mic = new MicrophoneSource[1];

    List<AudioFrame> frames = capture("mic16", 25, new LinkedBlockingQueue<>(), mic);

    assertThat(mic[0].format().getSampleRate()).isEqualTo(16_000);
    assertThat(mic[0].format().getChannels()).isEqualTo(1);
    for (int k = 0; k < frames.size(); k++) {
      for (int i = 0; i < 320; i++) {
        assertThat(frames.get(k).pcm().getShortLE(2 * i)).isEqualTo(recording[k * 320 + i]);
      }
    }
  }

  @Test
  void noInputDeviceIsOneClearMessage() {
    assertThatThrownBy(() -> new MicrophoneSource("webcam", "x", threads.single("microphone")))
        .isInstanceOf(AudioDeviceException.class)
        .hasMessage("no audio input device: none is named like 'webcam' (devices: "
            + VirtualDeviceProvider.MICROPHONE_NAME + "); use --in FILE.wav");
    VirtualDeviceProvider.plugged(false);
    assertThatThrownBy(() -> new MicrophoneSource(null, "x", threads.single("microphone")))
        .hasMessage("no audio input device: this machine has none; use --in FILE.wav");
  }
}
