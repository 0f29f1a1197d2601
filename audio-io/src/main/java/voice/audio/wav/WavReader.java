package voice.audio.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import voice.audio.PcmAudio;

/**
 * Reads RIFF/WAVE files: PCM 8, 16, 24 and 32-bit and 32/64-bit float, mono or stereo, plain or
 * WAVE_FORMAT_EXTENSIBLE. Everything else fails with a {@link WavFormatException} whose message
 * says what the file is and what would work. {@link #parse} is pure (bytes in, audio out).
 */
public final class WavReader {
  private static final int PCM = 1;
  private static final int FLOAT = 3;
  private static final int EXTENSIBLE = 0xFFFE;
  /** Data sizes at or above this are the "unknown length" marks of streamed WAVs. */
  private static final long STREAMED_SIZE = 0x7FFF_F000L;

  private WavReader() {}

  public static PcmAudio read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file: " + file);
    }
    try {
      return parse(bytes);
    } catch (WavFormatException e) {
      throw new WavFormatException(file + ": " + e.getMessage());
    }
  }

  public static PcmAudio parse(byte[] bytes) throws WavFormatException {
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !tag(in, 0, "RIFF") || !tag(in, 8, "WAVE")) {
      throw new WavFormatException("not a WAV file (no RIFF/WAVE header)");
    }
    Format format = null;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      long size = Integer.toUnsignedLong(in.getInt(pos + 4));
      int body = pos + 8;
      if (tag(in, pos, "fmt ")) {
        if (size < 16 || body + size > bytes.length) {
          throw new WavFormatException("truncated WAV: incomplete fmt chunk");
        }
        format = Format.parse(in, body, (int) size);
      } else if (tag(in, pos, "data")) {
        if (format == null) {
          throw new WavFormatException("malformed WAV: data chunk before fmt chunk");
        }
        long available = bytes.length - body;
        if (size > available && size < STREAMED_SIZE) {
          throw new WavFormatException("truncated WAV: data chunk says " + size
              + " bytes, file holds " + available);
        }
        return format.decode(in, body, (int) Math.min(size, available));
      }
      pos = (int) Math.min((long) body + size + (size & 1), Integer.MAX_VALUE);
    }
    throw new WavFormatException(format == null
        ? "truncated WAV: no fmt chunk" : "truncated WAV: no data chunk");
  }

  private static boolean tag(ByteBuffer in, int pos, String tag) {
    for (int i = 0; i < 4; i++) {
      if (in.get(pos + i) != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private record Format(int encoding, int channels, int sampleRate, int bits) {
    static Format parse(ByteBuffer in, int pos, int size) throws WavFormatException {
      int tagValue = Short.toUnsignedInt(in.getShort(pos));
      int channels = Short.toUnsignedInt(in.getShort(pos + 2));
      int rate = in.getInt(pos + 4);
      int bits = Short.toUnsignedInt(in.getShort(pos + 14));
      int encoding = tagValue;
      if (tagValue == EXTENSIBLE) {
        if (size < 40) {
          throw new WavFormatException("malformed WAV: short WAVE_FORMAT_EXTENSIBLE header");
        }
        encoding = Short.toUnsignedInt(in.getShort(pos + 24)); // first bytes of the sub-format GUID
      }
      if (encoding != PCM && encoding != FLOAT) {
        throw new WavFormatException(String.format(
            "compressed WAV (format tag 0x%04X) is not supported; convert it to PCM, e.g."
                + " sox in.wav -e signed -b 16 out.wav", encoding));
      }
      if (channels != 1 && channels != 2) {
        throw new WavFormatException(channels + "-channel WAV is not supported; use mono or stereo");
      }
      if (rate <= 0) {
        throw new WavFormatException("malformed WAV: sample rate " + rate);
      }
      boolean supported = encoding == PCM
          ? bits == 8 || bits == 16 || bits == 24 || bits == 32
          : bits == 32 || bits == 64;
      if (!supported) {
        throw new WavFormatException(bits + "-bit " + (encoding == PCM ? "PCM" : "float")
            + " WAV is not supported; use 8, 16, 24 or 32-bit PCM or 32/64-bit float");
      }
      return new Format(encoding, channels, rate, bits);
    }

    PcmAudio decode(ByteBuffer in, int pos, int length) {
      int width = bits / 8;
      int count = length / width / channels * channels;
      short[] out = new short[count];
      for (int i = 0; i < count; i++) {
        out[i] = sample(in, pos + i * width);
      }
      return new PcmAudio(sampleRate, channels, out);
    }

    private short sample(ByteBuffer in, int p) {
      if (encoding == FLOAT) {
        double v = bits == 32 ? in.getFloat(p) : in.getDouble(p);
        return (short) Math.round(Math.max(-1.0, Math.min(1.0, v)) * 32767.0);
      }
      return switch (bits) {
        case 8 -> (short) (((in.get(p) & 0xFF) - 128) << 8); // 8-bit WAV is unsigned
        case 16 -> in.getShort(p);
        case 24 -> (short) ((in.get(p + 1) & 0xFF) | (in.get(p + 2) << 8));
        default -> in.getShort(p + 2); // high half of 32-bit
      };
    }
  }
}
