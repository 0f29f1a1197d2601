package voice.agent.room;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import voice.audio.out.AudioSink;
import voice.core.audio.Resampler;
import voice.core.bus.Addresses;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioFrame;
import voice.core.message.CaptureStarted;

/**
 * A simulated room with a loudspeaker and a microphone. As a sink (wrap it in a
 * {@code RealtimePacedSink}, which hands it audio as a device would play it) it is the
 * loudspeaker; its microphone thread publishes what the room sounds like as 20 ms
 * {@link AudioFrame}s in real time on the scope's {@code voice.audio.in}: the loudspeaker
 * delayed and attenuated, with an early reflection, pink-ish noise, and a user's recording at a
 * chosen moment. Positions are room milliseconds since {@link #start()}.
 */
final class LoudspeakerRoom implements AudioSink {
  private static final int RATE = 16_000;
  private static final int FRAME = 320;

  private final EventBus bus;
  private final String scope;
  private final int delaySamples;
  private final double echoGain;
  private final double noiseRms;
  private final short[] speaker = new short[RATE * 180];
  private final short[] user = new short[RATE * 180];
  private Resampler resampler;
  private int speakerCursor;
  private long writtenFrames;
  private volatile long startNanos = -1;
  private volatile boolean running;
  private volatile long endAtMs = Long.MAX_VALUE;
  private Thread mic;

  LoudspeakerRoom(EventBus bus, String scope, int delayMs, double echoDb, double noiseRms) {
    this.bus = bus;
    this.scope = scope;
    this.delaySamples = delayMs * RATE / 1000;
    this.echoGain = Math.pow(10, echoDb / 20);
    this.noiseRms = noiseRms;
  }

  /** Starts the microphone: a {@link CaptureStarted}, then a frame every 20 ms. */
  void start() {
    running = true;
    mic = new Thread(this::capture, "room-mic-" + scope);
    mic.setDaemon(true);
    startNanos = System.nanoTime();
    mic.start();
  }

  void stop() throws InterruptedException {
    running = false;
    mic.join();
  }

  /** The microphone's input ends at room time {@code atMs}: that frame has {@code last = true}, and no more come. */
  void endInputAt(long atMs) {
    endAtMs = atMs;
  }

  long nowMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** The user says {@code pcm} (16 kHz) into the room from {@code atMs}, {@code gainDb} louder. */
  synchronized void userSpeaksAt(long atMs, short[] pcm, double gainDb) {
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
    for (long k = 0; running && (k + 1) * FRAME < speaker.length; k++) {
      long due = startNanos + (k + 1) * 20_000_000L;
      while (System.nanoTime() < due) {
        LockSupport.parkNanos(due - System.nanoTime());
      }
      synchronized (this) {
        for (int i = 0; i < FRAME; i++) {
          int t = (int) (k * FRAME + i);
          pink = 0.95 * pink + random.nextGaussian() * 0.3;
          double reflection = t >= delaySamples + 560 ? 0.4 * speaker[t - delaySamples - 560] : 0;
          double echo = t >= delaySamples ? speaker[t - delaySamples] + reflection : 0;
          frame[i] = clip(echoGain * echo + user[t] + noiseRms * (pink + random.nextGaussian() * 0.5));
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

  @Override
  public synchronized void open(int sampleRate) {
    resampler = new Resampler(sampleRate, RATE);
  }

  /** Audio the (paced) device plays now: it sounds in the room ending at this moment. */
  @Override
  public synchronized void write(byte[] pcm, int off, int len) {
    writtenFrames += len / 2;
    if (startNanos < 0) {
      return;
    }
    short[] in = new short[len / 2];
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) ((pcm[off + 2 * i] & 0xff) | (pcm[off + 2 * i + 1] << 8));
    }
    short[] out = resampler.process(in, 0, in.length);
    int now = (int) ((System.nanoTime() - startNanos) * RATE / 1_000_000_000L);
    int at = Math.max(speakerCursor, now - out.length);
    for (int i = 0; i < out.length && at + i < speaker.length; i++) {
      speaker[at + i] = out[i];
    }
    speakerCursor = at + out.length;
  }

  @Override
  public void flush() {}

  @Override
  public void drain() {}

  @Override
  public void close() {}

  @Override
  public synchronized long playedFrames() {
    return writtenFrames;
  }

  @Override
  public boolean realtime() {
    return true;
  }

  private static short clip(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
