package voice.audio.wav;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 44-byte RIFF/WAVE header of 16-bit signed little-endian mono PCM. */
public final class WavHeader {
  public static final int SIZE = 44;
  /** Size written by streaming tools when the length is not known in advance. */
  static final int UNKNOWN_SIZE = 0xFFFFFFFF;

  private WavHeader() {}

  /** The header for {@code dataBytes} of audio; a negative size means unknown (streaming). */
  public static byte[] pcm16Mono(int sampleRate, long dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    boolean unknown = dataBytes < 0 || dataBytes > 0xFFFFFFFFL - 36;
    b.put(new byte[] {'R', 'I', 'F', 'F'});
    b.putInt(unknown ? UNKNOWN_SIZE : (int) (36 + dataBytes));
    b.put(new byte[] {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
    b.putInt(16);
    b.putShort((short) 1); // PCM
    b.putShort((short) 1); // mono
    b.putInt(sampleRate);
    b.putInt(sampleRate * 2); // byte rate
    b.putShort((short) 2); // block align
    b.putShort((short) 16); // bits per sample
    b.put(new byte[] {'d', 'a', 't', 'a'});
    b.putInt(unknown ? UNKNOWN_SIZE : (int) dataBytes);
    return b.array();
  }
}
