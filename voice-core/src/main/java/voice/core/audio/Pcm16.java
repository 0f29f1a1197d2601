package voice.core.audio;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one conversion between signed 16-bit PCM as bytes (little-endian, as it travels on the
 * bus, in WAV files and over the WebSocket) and as samples.
 */
public final class Pcm16 {
  private Pcm16() {}

  /** The samples of little-endian {@code pcm}. */
  public static short[] samples(Buffer pcm) {
    return samples(pcm.getBytes(), 0, pcm.length());
  }

  /** The samples of little-endian {@code pcm[off, off + len)}; an odd last byte is ignored. */
  public static short[] samples(byte[] pcm, int off, int len) {
    return samples(pcm, off, len, false);
  }

  /** The samples of {@code pcm[off, off + len)} in the given byte order. */
  public static short[] samples(byte[] pcm, int off, int len, boolean bigEndian) {
    short[] samples = new short[len / 2];
    ByteBuffer.wrap(pcm, off, samples.length * 2)
        .order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer().get(samples);
    return samples;
  }

  /** Little-endian bytes of {@code samples[off, off + len)}. */
  public static byte[] bytes(short[] samples, int off, int len) {
    byte[] pcm = new byte[len * 2];
    ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(samples, off, len);
    return pcm;
  }

  /** Little-endian bytes of {@code samples}. */
  public static byte[] bytes(short[] samples) {
    return bytes(samples, 0, samples.length);
  }

  /** A buffer of the little-endian bytes of {@code samples[off, off + len)}. */
  public static Buffer buffer(short[] samples, int off, int len) {
    return Buffer.buffer(bytes(samples, off, len));
  }
}
