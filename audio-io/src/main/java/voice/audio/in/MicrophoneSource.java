package voice.audio.in;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import voice.audio.device.AudioDeviceException;
import voice.audio.device.AudioDevices;
import voice.core.audio.Pcm16;
import voice.core.audio.Resampler;
import voice.core.stage.Stage;

/**
 * Captures from a Java Sound {@code TargetDataLine} in whatever 16-bit format the device
 * offers (see {@link CaptureFormats}), converts it to 16 kHz mono through a streaming
 * {@link Resampler} and publishes 20 ms {@link voice.core.message.AudioFrame}s on the scope's
 * audio-in address, with a {@link voice.core.message.CaptureStarted} before the first. Reading blocks, so it runs on
 * the executor handed in (a thread of its own); undeploying closes the line, which ends the read.
 */
public final class MicrophoneSource extends VerticleBase {
  private final Mixer.Info device;
  private final Stage stage;
  private volatile boolean running;
  private TargetDataLine line;
  private AudioFormat format;
  private CompletableFuture<Void> capturing;

  /**
   * Picks the input device now, so a missing one fails before anything starts.
   *
   * @param deviceName a case-insensitive part of the mixer's name, or null for the first input
   * @throws AudioDeviceException when there is no input device or none matches
   */
  public MicrophoneSource(String deviceName, String scope, Executor captureThread) {
    this.device = AudioDevices.findInput(deviceName);
    this.stage = Stage.of(scope, captureThread);
  }

  /** The mixer name of the chosen device. */
  public String deviceName() {
    return device.getName();
  }

  /** The format the device was opened with (after start). */
  public AudioFormat format() {
    return format;
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(() -> {
      Mixer mixer = AudioSystem.getMixer(device);
      format = CaptureFormats.choose(mixer);
      try {
        line = AudioSystem.getTargetDataLine(format, device);
        line.open(format, bytesPer20ms(format) * 5);
      } catch (LineUnavailableException | IllegalArgumentException e) {
        throw new AudioDeviceException("cannot record from '" + device.getName() + "': "
            + e.getMessage() + "; use --in FILE.wav", e);
      }
      line.start();
      running = true;
      FramePublisher publisher = new FramePublisher(vertx.eventBus(), stage.scope());
      capturing = CompletableFuture.runAsync(() -> capture(publisher), stage.executor());
      return null;
    });
  }

  @Override
  public Future<?> stop() {
    running = false;
    return vertx.executeBlocking(() -> {
      if (line != null) {
        line.stop();
        line.close();
      }
      if (capturing != null) {
        capturing.join();
      }
      return null;
    });
  }

  private void capture(FramePublisher publisher) {
    int channels = format.getChannels();
    boolean bigEndian = format.isBigEndian();
    int rate = Math.round(format.getSampleRate());
    Resampler resampler = rate == Resampler.RATE_16K ? null : new Resampler(rate, Resampler.RATE_16K);
    byte[] bytes = new byte[bytesPer20ms(format)];
    while (running) {
      int n = line.read(bytes, 0, bytes.length);
      if (n <= 0) {
        if (!line.isOpen()) {
          break;
        }
        continue;
      }
      int samples = n / 2 / channels * channels;
      short[] mono = Resampler.downmix(Pcm16.samples(bytes, 0, samples * 2, bigEndian), channels);
      short[] out = resampler == null ? mono : resampler.process(mono, 0, mono.length);
      publisher.add(out, 0, out.length);
    }
  }

  private static int bytesPer20ms(AudioFormat format) {
    return Math.round(format.getSampleRate() / 50) * format.getFrameSize();
  }
}
