package voice.agent.server.voice;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import voice.audio.out.AudioSink;
import voice.core.audio.Pcm16;
import voice.core.audio.Resampler;

/**
 * Answer audio out as binary WebSocket frames of 16-bit little-endian mono PCM, optionally
 * resampled to the rate the client asked for. It does not pace itself: wrapped in a
 * {@link voice.audio.out.RealtimePacedSink} it sends at the speed the client plays, so what
 * the playback stage counts as played matches what the listener heard (the history cut on
 * barge-in depends on it). Called from the playback thread; Vert.x writes are thread-safe.
 */
final class WebSocketSink implements AudioSink {
  private final ServerWebSocket socket;
  private volatile int requestedRate;
  private int inRate;
  private int outRate;
  private Resampler resampler;
  private long frames;
  private long bytesSent;

  /** @param outputRate the rate sent to the client, 0 for the synthesizer's own */
  WebSocketSink(ServerWebSocket socket, int outputRate) {
    this.socket = socket;
    this.requestedRate = outputRate;
  }

  /** Changes the rate of the audio sent from the next write on (0: the synthesizer's own). */
  void outputRate(int rate) {
    requestedRate = rate;
  }

  /** The rate the client receives for input at {@code synthesisRate}. */
  int outputRateFor(int synthesisRate) {
    int requested = requestedRate;
    return requested == 0 ? synthesisRate : requested;
  }

  long bytesSent() {
    return bytesSent;
  }

  @Override
  public void open(int sampleRate) {
    inRate = sampleRate;
    outRate = 0;
    frames = 0;
  }

  @Override
  public void write(byte[] pcm, int off, int len) {
    frames += len / 2;
    if (socket.isClosed()) {
      return;
    }
    int target = outputRateFor(inRate);
    if (target != outRate) {
      outRate = target;
      resampler = target == inRate ? null : new Resampler(inRate, target);
    }
    Buffer out = resampler == null ? Buffer.buffer(java.util.Arrays.copyOfRange(pcm, off, off + len)) : resample(pcm, off, len);
    if (out.length() > 0) {
      bytesSent += out.length();
      socket.writeBinaryMessage(out);
    }
  }

  private Buffer resample(byte[] pcm, int off, int len) {
    short[] converted = resampler.process(Pcm16.samples(pcm, off, len), 0, len / 2);
    return Pcm16.buffer(converted, 0, converted.length);
  }

  @Override
  public void flush() {
    // Nothing is buffered here: the paced wrapper holds what is not yet "played".
  }

  @Override
  public void drain() {
  }

  @Override
  public void close() {
  }

  @Override
  public long playedFrames() {
    return frames;
  }

  @Override
  public boolean realtime() {
    return false;
  }
}
