package voice.agent.bench.room;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import voice.audio.out.AudioSink;
import voice.core.bus.Addresses;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioFrame;
import voice.core.message.CaptureStarted;

/**
 * A simulated room with a loudspeaker and a microphone. As a sink it is the loudspeaker, and
 * behaves like a sound card: {@link #write} blocks while 100 ms are queued, what is written plays
 * right after what is queued, or from the moment it is written when the device had run dry,
 * {@link #flush} silences what is not yet played, and {@link #playedFrames} is the device's
 * position. Each sample is placed in the room at the instant it plays, at the sink's rate. The
 * microphone thread publishes what the room sounds like as 20 ms {@link AudioFrame}s in real time
 * on the scope's {@code voice.audio.in}: the loudspeaker delayed and attenuated (through a
 * low-pass, as the microphone takes it at 16 kHz), with an early reflection, pink-ish noise, and a
 * user's recording at a chosen moment. Positions are room milliseconds since {@link #start()}.
 */
public final class LoudspeakerRoom implements AudioSink {
  private static final int RATE = 16_000;
  private static final int FRAME = 320;
  private static final int SECONDS = 200;
  private static final int BUFFER_MS = 100; // as SpeakerSink asks of a line
  private static final double AUDIBLE = 100 * 100; // mean square of a frame where the echo is speech, not a tail

  private final EventBus bus;
  private final String scope;
  private final int delaySamples;
  private final double echoGain;
  private final double noiseRms;
  private final short[] user = new short[RATE * SECONDS];
  private short[] speaker = new short[0]; // at the sink's rate, each sample where it plays
  private int sinkRate;
  private int step; // sink samples per microphone sample
  private double[] lowPass = {1};
  private long queuedEnd; // where the device's queued audio ends, in sink samples since start
  private long writtenFrames;
  private volatile long startNanos = -1;
  private volatile boolean running;
  private volatile long endAtMs = Long.MAX_VALUE;
  private Thread mic;
  private double echoPower; // over the frames where the loudspeaker is heard
  private long echoFrames;

  public LoudspeakerRoom(EventBus bus, String scope, int delayMs, double echoDb, double noiseRms) {
    this.bus = bus;
    this.scope = scope;
    this.delaySamples = delayMs * RATE / 1000;
    this.echoGain = Math.pow(10, echoDb / 20);
    this.noiseRms = noiseRms;
  }

  /** Starts the microphone: a {@link CaptureStarted}, then a frame every 20 ms. */
  public void start() {
    running = true;
    mic = new Thread(this::capture, "room-mic-" + scope);
    mic.setDaemon(true);
    startNanos = System.nanoTime();
    mic.start();
  }

  public void stop() throws InterruptedException {
    running = false;
    mic.join();
  }

  /** The microphone's input ends at room time {@code atMs}: that frame has {@code last = true}, and no more come. */
  public void endInputAt(long atMs) {
    endAtMs = atMs;
  }

  public long nowMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The echo's level at the microphone while the loudspeaker speaks (mean square, in dB), NaN before it has. */
  public synchronized double echoDb() {
    return echoFrames == 0 ? Double.NaN : 10 * Math.log10(echoPower / echoFrames);
  }

  /** The user says {@code pcm} (16 kHz) into the room from {@code atMs}, {@code gainDb} louder. */
  public synchronized void userSpeaksAt(long atMs, short[] pcm, double gainDb) {
    double gain = Math.pow(10, gainDb / 20);
    int at = (int) (atMs * RATE / 1000);
    for (int i = 0; i < pcm.length && at + i < user.length; i++) {
      user[at + i] = clip(pcm[i] * gain);
    }
  }

  private void capture() {
    Random random = new Random(42);
    double pink = 0;
    short[] frame = new short[FRAME];
    bus.publish(Addresses.scoped(Addresses.CAPTURE_STARTED, scope), new CaptureStarted(MonotonicClock.millis()));
    for (long k = 0; running && (k + 1) * FRAME < user.length; k++) {
      long due = startNanos + (k + 1) * 20_000_000L;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      synchronized (this) {
        double frameEcho = 0;
        for (int i = 0; i < FRAME; i++) {
          int t = (int) (k * FRAME + i);
          pink = 0.95 * pink + random.nextGaussian() * 0.3;
          double echo = echoGain * (heard(t - delaySamples) + 0.4 * heard(t - delaySamples - 560));
          frameEcho += echo * echo;
          frame[i] = clip(echo + user[t] + noiseRms * (pink + random.nextGaussian() * 0.5));
        }
        if (frameEcho / FRAME > AUDIBLE) {
          echoPower += frameEcho / FRAME;
          echoFrames++;
        }
      }
      Buffer pcm = Buffer.buffer(FRAME * 2);
      for (short s : frame) {
        pcm.appendShortLE(s);
      }
      boolean last = (k + 1) * 20 >= endAtMs;
      bus.publish(Addresses.scoped(Addresses.AUDIO_IN, scope), new AudioFrame(k * 20, pcm, last));
      if (last) {
        return;
      }
    }
  }

  /** The loudspeaker at microphone sample {@code t}, through the microphone's low-pass. */
  private double heard(int t) {
    if (t < 0 || step == 0) {
      return 0;
    }
    int centre = t * step;
    int half = lowPass.length / 2;
    double sum = 0;
    for (int j = -half; j <= half; j++) {
      int at = centre + j;
      if (at >= 0 && at < speaker.length) {
        sum += lowPass[j + half] * speaker[at];
      }
    }
    return sum;
  }

  @Override
  public synchronized void open(int sampleRate) {
    if (sampleRate % RATE != 0) {
      throw new IllegalArgumentException("the room plays multiples of 16 kHz, not " + sampleRate);
    }
    if (sinkRate == sampleRate) {
      return;
    }
    sinkRate = sampleRate;
    step = sampleRate / RATE;
    speaker = new short[sampleRate * SECONDS];
    lowPass = lowPass(step);
    queuedEnd = 0;
    writtenFrames = 0;
  }

  /** Audio plays right after what is queued, or now if the device ran dry; blocks while 100 ms are queued. */
  @Override
  public void write(byte[] pcm, int off, int len) {
    synchronized (this) {
      writtenFrames += len / 2;
      if (startNanos < 0) {
        return;
      }
      long at = Math.max(queuedEnd, position());
      for (int i = 0; i < len / 2 && at + i < speaker.length; i++) {
        speaker[(int) (at + i)] = (short) ((pcm[off + 2 * i] & 0xff) | (pcm[off + 2 * i + 1] << 8));
      }
      queuedEnd = at + len / 2;
    }
    long buffer = (long) sinkRate * BUFFER_MS / 1000;
    for (long queued = queued(); queued > buffer; queued = queued()) {
      LockSupport.parkNanos((queued - buffer) * 1_000_000_000L / sinkRate);
    }
  }

  /** What is queued and not yet played is silenced. */
  @Override
  public synchronized void flush() {
    long now = position();
    for (long i = Math.max(0, now); i < Math.min(queuedEnd, speaker.length); i++) {
      speaker[(int) i] = 0;
    }
    writtenFrames -= Math.max(0, queuedEnd - now);
    queuedEnd = Math.min(queuedEnd, now);
  }

  @Override
  public void drain() {
    for (long queued = queued(); queued > 0; queued = queued()) {
      LockSupport.parkNanos(queued * 1_000_000_000L / sinkRate);
    }
  }

  @Override
  public void close() {}

  @Override
  public synchronized long playedFrames() {
    return writtenFrames - (startNanos < 0 ? 0 : Math.max(0, queuedEnd - position()));
  }

  @Override
  public boolean realtime() {
    return true;
  }

  private synchronized long queued() {
    return startNanos < 0 ? 0 : Math.max(0, queuedEnd - position());
  }

  /** The device's clock: sink samples since the room started. */
  private long position() {
    return (System.nanoTime() - startNanos) * sinkRate / 1_000_000_000L;
  }

  /** A windowed-sinc low-pass at 7.2 kHz for a sink {@code step} times the microphone's rate (unity gain). */
  private static double[] lowPass(int step) {
    if (step == 1) {
      return new double[] {1};
    }
    int half = 8 * step;
    double[] h = new double[2 * half + 1];
    double cutoff = 7200.0 / (RATE * step); // cycles per sink sample
    double sum = 0;
    for (int j = -half; j <= half; j++) {
      double x = 2 * cutoff * j;
      double sinc = j == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double window = 0.5 + 0.5 * Math.cos(Math.PI * j / (half + 1));
      h[j + half] = sinc * window;
      sum += h[j + half];
    }
    for (int i = 0; i < h.length; i++) {
      h[i] /= sum;
    }
    return h;
  }

  private static short clip(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
