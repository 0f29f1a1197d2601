package voice.stt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** The recordings of Debian's pocketsphinx-testdata, read as 16 kHz mono samples. */
public final class TestAudio {
  public static final Path DATA = Path.of("/usr/share/pocketsphinx/test/data");
  public static final Path GO_FORWARD = DATA.resolve("goforward.raw");
  public static final Path SOMETHING = DATA.resolve("something.raw");
  public static final Path LIBRIVOX = DATA.resolve("librivox");

  private TestAudio() {}

  /** A {@code .raw} (16 kHz mono 16-bit LE) or a 16 kHz mono 16-bit WAV file. */
  public static short[] read(Path file) throws IOException {
    byte[] bytes;
    if (file.toString().endsWith(".raw")) {
      bytes = Files.readAllBytes(file);
    } else {
      try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
        AudioFormat format = in.getFormat();
        if (format.getSampleRate() != 16_000 || format.getChannels() != 1 || format.getSampleSizeInBits() != 16) {
          throw new IOException("not 16 kHz mono 16-bit: " + file);
        }
        bytes = in.readAllBytes();
      } catch (UnsupportedAudioFileException e) {
        throw new IOException(e);
      }
    }
    short[] samples = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  /** The pieces joined end to end. */
  public static short[] concat(short[]... pieces) {
    short[] all = new short[Arrays.stream(pieces).mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] piece : pieces) {
      System.arraycopy(piece, 0, all, at, piece.length);
      at += piece.length;
    }
    return all;
  }

  public static short[] silence(int ms) {
    return new short[ms * 16];
  }

  public static short[] slice(short[] samples, int fromMs, int toMs) {
    return Arrays.copyOfRange(samples, fromMs * 16, Math.min(samples.length, toMs * 16));
  }

  /** Gaussian white noise of the given RMS, reproducible from {@code seed}. */
  public static short[] noise(int ms, double rms, long seed) {
    java.util.Random random = new java.util.Random(seed);
    short[] out = new short[ms * 16];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, random.nextGaussian() * rms));
    }
    return out;
  }

  /** Adds {@code b} onto {@code a} sample by sample (clipped), over the shorter length. */
  public static short[] mix(short[] a, short[] b) {
    short[] out = a.clone();
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, a[i] + b[i]));
    }
    return out;
  }
}
