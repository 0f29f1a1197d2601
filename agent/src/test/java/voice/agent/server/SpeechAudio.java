package voice.agent.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real recorded speech from pocketsphinx-testdata (16 kHz mono 16-bit raw), and WAV writing for the browser's fake microphone. */
final class SpeechAudio {
  private static final Path DATA = Path.of("/usr/share/pocketsphinx/test/data");

  private SpeechAudio() {}

  /** "go forward ten meters", 2.8 s. */
  static short[] goForward() throws IOException {
    return raw(DATA.resolve("goforward.raw"));
  }

  /** "go somewhere and do something", 3.0 s. */
  static short[] something() throws IOException {
    return raw(DATA.resolve("something.raw"));
  }

  static short[] silence(int ms) {
    return new short[ms * 16];
  }

  static short[] concat(short[]... parts) {
    int n = 0;
    for (short[] p : parts) {
      n += p.length;
    }
    short[] out = new short[n];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  static byte[] bytes(short[] samples, int from, int to) {
    ByteBuffer buffer = ByteBuffer.allocate((to - from) * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = from; i < to; i++) {
      buffer.putShort(samples[i]);
    }
    return buffer.array();
  }

  /** A 16 kHz mono 16-bit WAV file. */
  static Path writeWav(Path file, short[] samples) throws IOException {
    int dataBytes = samples.length * 2;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes())
        .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes()).putInt(dataBytes);
    byte[] pcm = bytes(samples, 0, samples.length);
    byte[] all = new byte[44 + pcm.length];
    System.arraycopy(header.array(), 0, all, 0, 44);
    System.arraycopy(pcm, 0, all, 44, pcm.length);
    return Files.write(file, all);
  }

  private static short[] raw(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    short[] samples = new short[buffer.remaining() / 2];
    buffer.asShortBuffer().get(samples);
    return samples;
  }
}
