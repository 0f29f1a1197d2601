package voice.agent.satellite;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import voice.core.audio.Pcm16;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;
import voice.stt.sphinx.KeyphraseSpotter.Detection;
import voice.stt.wake.WakeState;
import voice.stt.wake.WakeWordDetector;

/**
 * The satellite's "recognizer": it decodes nothing, but sends each addressed utterance (as cut
 * by the local voice detector) to the server, which recognizes and answers it. Without a wake
 * word every utterance is addressed; with one, an utterance is held until the phrase is heard
 * in it (then what follows the phrase is sent) or is sent at once when the device is awake.
 *
 * <p>Each utterance goes out framed in silence, so the server's endpointer finds exactly the
 * utterance the satellite found: a little before, and more than its end-of-speech pause after.
 */
final class SatelliteUplink implements Recognizer {
  private static final int LEAD_MS = 200;
  /** Longer than the server's default end-of-utterance silence (700 ms). */
  private static final int TAIL_MS = 1000;
  private static final int FRAME_SAMPLES = 1600;

  private final Consumer<Buffer> send;
  private final WakeWordDetector detector;
  private final WakeState state;
  private final Runnable onWake;
  private final AtomicInteger utterancesSent = new AtomicInteger();
  private short[] held = new short[16_000];
  private int heldSize;
  private boolean addressed;

  /** @param detector null to send every utterance; else {@code state} and {@code onWake} are used with it */
  SatelliteUplink(Consumer<Buffer> send, WakeWordDetector detector, WakeState state, Runnable onWake) {
    this.send = send;
    this.detector = detector;
    this.state = state;
    this.onWake = onWake;
  }

  /** Utterances sent whole to the server so far (read from any thread). */
  int utterancesSent() {
    return utterancesSent.get();
  }

  @Override
  public String engine() {
    return "satellite";
  }

  @Override
  public void startUtterance() {
    heldSize = 0;
    addressed = detector == null || state.awake();
    if (detector != null) {
      detector.start();
    }
    if (addressed) {
      sendPcm(new short[LEAD_MS * 16], 0, LEAD_MS * 16);
    }
  }

  @Override
  public Hypothesis accept(short[] pcm16kMono, int off, int len) {
    if (addressed) {
      sendPcm(pcm16kMono, off, len);
      if (detector != null) {
        detector.accept(pcm16kMono, off, len); // keeps the detector's clock with the audio
      }
      return Hypothesis.EMPTY;
    }
    hold(pcm16kMono, off, len);
    Detection detection = detector.accept(pcm16kMono, off, len);
    if (detection != null) {
      addressed = true;
      state.wakeWordHeard();
      onWake.run();
      int from = (int) Math.min(heldSize, detection.endMs() * 16);
      sendPcm(new short[LEAD_MS * 16], 0, LEAD_MS * 16);
      sendPcm(held, from, heldSize - from);
      heldSize = 0;
    }
    return Hypothesis.EMPTY;
  }

  @Override
  public Hypothesis endUtterance() {
    if (addressed) {
      sendPcm(new short[TAIL_MS * 16], 0, TAIL_MS * 16);
      utterancesSent.incrementAndGet();
      addressed = false;
    }
    heldSize = 0;
    return Hypothesis.EMPTY;
  }

  @Override
  public void reset() {
    heldSize = 0;
    addressed = false;
  }

  @Override
  public void close() {
    if (detector != null) {
      detector.close();
    }
  }

  /** In frames of at most 100 ms, as a microphone would send them (the server caps a frame's size). */
  private void sendPcm(short[] pcm, int off, int len) {
    for (int at = off; at < off + len; at += FRAME_SAMPLES) {
      send.accept(Pcm16.buffer(pcm, at, Math.min(FRAME_SAMPLES, off + len - at)));
    }
  }

  private void hold(short[] pcm, int off, int len) {
    if (heldSize + len > held.length) {
      held = Arrays.copyOf(held, Math.max(held.length * 2, heldSize + len));
    }
    System.arraycopy(pcm, off, held, heldSize, len);
    heldSize += len;
  }
}
