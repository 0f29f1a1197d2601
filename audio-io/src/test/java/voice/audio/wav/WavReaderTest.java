package voice.audio.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import voice.audio.PcmAudio;
import voice.audio.in.FileAudioSource;

/** Reads WAV files that sox wrote from a real recording, in every supported sample format. */
class WavReaderTest {
  static final Path GO_FORWARD = Path.of("/usr/share/pocketsphinx/test/data/goforward.raw");
  @TempDir static Path dir;
  static short[] original;

  @BeforeAll
  static void readRecording() throws Exception {
    original = FileAudioSource.readMono16k(GO_FORWARD);
    assertThat(original.length).isGreaterThan(16_000);
  }

  @ParameterizedTest(name = "{0} {1}-bit, {2} channel(s)")
  @CsvSource({
    "signed-integer, 16, 1, 0",
    "signed-integer, 24, 1, 1",
    "signed-integer, 32, 1, 1",
    "unsigned-integer, 8, 1, 256",
    "floating-point, 32, 1, 1",
    "floating-point, 64, 1, 1",
    "signed-integer, 16, 2, 0",
    "signed-integer, 24, 2, 1",
  })
  void readsEverySupportedSampleFormat(String encoding, int bits, int channels, int tolerance) throws Exception {
    Path wav = dir.resolve(encoding + bits + "x" + channels + ".wav");
    Sox.run("sox", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1",
        GO_FORWARD.toString(), "-e", encoding, "-b", String.valueOf(bits), "-c", String.valueOf(channels),
        "--no-dither", wav.toString());

    PcmAudio audio = WavReader.read(wav);

    assertThat(audio.sampleRate()).isEqualTo(16_000);
    assertThat(audio.channels()).isEqualTo(channels);
    assertThat(audio.frames()).isEqualTo(original.length);
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < original.length; i++) {
        int got = audio.interleavedSamples()[i * channels + c];
        if (Math.abs(got - original[i]) > tolerance) {
          throw new AssertionError("sample " + i + " channel " + c + ": " + got + " != " + original[i]);
        }
      }
    }
  }

  @Test
  void readsWaveFormatExtensibleAndSkipsUnknownChunks() throws Exception {
    byte[] samples = voice.audio.Signals.bytes(new short[] {1, -2, 300, -32768, 32767});
    byte[] fmt = new byte[40];
    var b = java.nio.ByteBuffer.wrap(fmt).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) 0xFFFE).putShort((short) 1).putInt(22_050).putInt(44_100)
        .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16)
        .putInt(4).putShort((short) 1); // sub-format GUID starts with PCM's tag
    byte[] file = riff(chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}), chunk("fmt ", fmt),
        chunk("data", samples));

    PcmAudio audio = WavReader.parse(file);

    assertThat(audio.sampleRate()).isEqualTo(22_050);
    assertThat(audio.interleavedSamples()).containsExactly(1, -2, 300, -32768, 32767);
  }

  @Test
  void rejectsAFileThatIsNotAWav() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.wav"), "hello, this is text\n");
    assertThatThrownBy(() -> WavReader.read(text))
        .isInstanceOf(WavFormatException.class)
        .hasMessage(text + ": not a WAV file (no RIFF/WAVE header)");
  }

  @Test
  void rejectsATruncatedWav() throws Exception {
    Path whole = dir.resolve("whole.wav");
    Sox.run("sox", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1",
        GO_FORWARD.toString(), whole.toString());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, bytes.length / 2));
    Path headerOnly = Files.write(dir.resolve("header.wav"), Arrays.copyOf(bytes, 30));

    assertThatThrownBy(() -> WavReader.read(cut))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("truncated WAV: data chunk says " + (original.length * 2) + " bytes");
    assertThatThrownBy(() -> WavReader.read(headerOnly))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("truncated WAV");
  }

  @Test
  void rejectsCompressedWavSayingHowToConvert() throws Exception {
    Path ulaw = dir.resolve("ulaw.wav");
    Sox.run("sox", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1",
        GO_FORWARD.toString(), "-e", "u-law", ulaw.toString());
    assertThatThrownBy(() -> WavReader.read(ulaw))
        .isInstanceOf(WavFormatException.class)
        .hasMessageContaining("compressed WAV (format tag 0x0007) is not supported")
        .hasMessageContaining("sox");
  }

  @Test
  void rejectsMoreThanTwoChannels() throws Exception {
    Path three = dir.resolve("three.wav");
    Sox.run("sox", "-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1",
        GO_FORWARD.toString(), "-c", "3", three.toString());
    assertThatThrownBy(() -> WavReader.read(three))
        .hasMessageContaining("3-channel WAV is not supported; use mono or stereo");
  }

  @Test
  void aMissingFileIsOneClearLine() {
    assertThatThrownBy(() -> WavReader.read(dir.resolve("absent.wav")))
        .hasMessage("no such file: " + dir.resolve("absent.wav"));
  }

  static byte[] chunk(String id, byte[] body) {
    byte[] out = new byte[8 + body.length + (body.length & 1)];
    var b = java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
    return out;
  }

  static byte[] riff(byte[]... chunks) {
    int size = 4 + Arrays.stream(chunks).mapToInt(c -> c.length).sum();
    var b = java.nio.ByteBuffer.allocate(8 + size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(size)
        .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (byte[] c : chunks) {
      b.put(c);
    }
    return b.array();
  }
}
