package voice.audio.in;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import voice.core.audio.Pcm16;
import voice.core.bus.Addresses;
import voice.core.event.MonotonicClock;
import voice.core.message.AudioFrame;
import voice.core.message.CaptureStarted;

/**
 * Cuts 16 kHz mono samples into 20 ms {@link AudioFrame}s and publishes them on the scope's
 * audio-in address, with a {@link CaptureStarted} before the first. Called from one thread.
 */
final class FramePublisher {
  static final int FRAME_SAMPLES = AudioFrame.SAMPLE_RATE / 50;

  private final EventBus bus;
  private final String audioAddress;
  private final String captureAddress;
  private final short[] frame = new short[FRAME_SAMPLES];
  private int filled;
  private long publishedSamples;
  private boolean started;
  private boolean ended;

  FramePublisher(EventBus bus, String scope) {
    this.bus = bus;
    this.audioAddress = Addresses.scoped(Addresses.AUDIO_IN, scope);
    this.captureAddress = Addresses.scoped(Addresses.CAPTURE_STARTED, scope);
  }

  /** Adds samples; publishes every frame they complete. */
  void add(short[] samples, int off, int len) {
    for (int i = 0; i < len; i++) {
      frame[filled++] = samples[off + i];
      if (filled == FRAME_SAMPLES) {
        emit(frame, 0, filled, false);
        filled = 0;
      }
    }
  }

  /** Publishes what is left (possibly nothing) as the last frame. */
  void end() {
    if (!ended) {
      emit(frame, 0, filled, true);
      filled = 0;
    }
  }

  /** Publishes one whole frame (of at most 20 ms) directly. */
  void publish(short[] samples, int off, int len, boolean last) {
    if (!ended) {
      emit(samples, off, len, last);
    }
  }

  /** Samples not yet published. */
  int pending() {
    return filled;
  }

  private void emit(short[] samples, int off, int len, boolean last) {
    if (!started) {
      started = true;
      bus.publish(captureAddress, new CaptureStarted(MonotonicClock.millis()));
    }
    Buffer pcm = Pcm16.buffer(samples, off, len);
    long offsetMs = publishedSamples * 1000 / AudioFrame.SAMPLE_RATE;
    publishedSamples += len;
    ended = last;
    bus.publish(audioAddress, new AudioFrame(offsetMs, pcm, last));
  }
}
