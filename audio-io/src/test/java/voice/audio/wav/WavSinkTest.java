package voice.audio.wav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.audio.PcmAudio;
import voice.audio.Signals;
import voice.audio.out.WavFileSink;
import voice.audio.out.WavStreamSink;

class WavSinkTest {
  @TempDir Path dir;

  @Test
  void fileSinkRoundTripAppendsEveryTurn() throws Exception {
    short[] first = Signals.sine(22_050, 1, 440, 9000, 0.3).interleavedSamples();
    short[] second = Signals.sine(22_050, 1, 660, 5000, 0.2).interleavedSamples();
    Path file = dir.resolve("out.wav");
    WavFileSink sink = new WavFileSink(file);

    sink.open(22_050);
    byte[] a = Signals.bytes(first);
    sink.write(a, 0, 1000);
    sink.write(a, 1000, a.length - 1000);
    sink.drain();
    sink.open(22_050); // the next turn
    sink.write(Signals.bytes(second), 0, second.length * 2);
    sink.close();

    PcmAudio read = WavReader.read(file);
    assertThat(read.sampleRate()).isEqualTo(22_050);
    assertThat(read.channels()).isEqualTo(1);
    short[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    assertThat(read.interleavedSamples()).isEqualTo(both);
    assertThat(sink.playedFrames()).isEqualTo(both.length);
    // sox agrees on the header: rate and length.
    assertThat(Sox.run("soxi", "-r", file.toString())).isEqualTo("22050");
    assertThat(Sox.run("soxi", "-s", file.toString())).isEqualTo(String.valueOf(both.length));
  }

  @Test
  void theFileBeingWrittenIsValidAfterEachTurnAndAppearsOnlyAtClose() throws Exception {
    Path file = dir.resolve("turn.wav");
    WavFileSink sink = new WavFileSink(file);
    sink.open(16_000);
    sink.write(new byte[640], 0, 640);
    sink.drain();

    assertThat(file).doesNotExist();
    Path partial = onlyFile();
    assertThat(partial.getFileName().toString()).startsWith(".turn.wav.").endsWith(".part");
    assertThat(WavReader.read(partial).frames()).as("a killed process leaves a valid WAV").isEqualTo(320);
    sink.close();
    assertThat(onlyFile()).isEqualTo(file);
    assertThat(WavReader.read(file).frames()).isEqualTo(320);
  }

  @Test
  void aDiscardedFileLeavesNothingAndAnEarlierFileUntouched() throws Exception {
    Path file = Files.writeString(dir.resolve("answer.wav"), "an earlier answer");
    WavFileSink sink = new WavFileSink(file);
    sink.open(16_000);
    sink.write(new byte[640], 0, 640);
    sink.discard();
    sink.close(); // the playback stage still closes its sink: nothing more happens

    assertThat(onlyFile()).isEqualTo(file);
    assertThat(Files.readString(file)).isEqualTo("an earlier answer");
  }

  @Test
  void anUnwritableTargetFailsAtOnceWithTheReason() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("notes.txt"), "text");
    assertThatThrownBy(() -> new WavFileSink(notAFolder.resolve("x.wav")))
        .hasMessage("cannot write " + notAFolder.resolve("x.wav") + ": not a directory");
    assertThatThrownBy(() -> new WavFileSink(dir.resolve("none").resolve("x.wav")))
        .hasMessage("cannot write " + dir.resolve("none").resolve("x.wav") + ": no such directory: " + dir.resolve("none"));
    assertThat(onlyFile()).isEqualTo(notAFolder);
  }

  private Path onlyFile() throws Exception {
    try (var files = Files.list(dir)) {
      return files.reduce((a, b) -> {
        throw new AssertionError("more than one file: " + a + ", " + b);
      }).orElseThrow();
    }
  }

  @Test
  void streamSinkWritesAStreamingHeaderThatSoxReads() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WavStreamSink sink = new WavStreamSink(out);
    short[] samples = Signals.sine(48_000, 1, 1000, 12_000, 0.25).interleavedSamples();

    sink.open(48_000);
    assertThat(out.size()).as("header is sent before any audio").isEqualTo(WavHeader.SIZE);
    sink.write(Signals.bytes(samples), 0, samples.length * 2);
    assertThat(out.size()).as("each write is flushed through").isEqualTo(WavHeader.SIZE + samples.length * 2);
    sink.close();

    ByteBuffer header = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(out.toByteArray(), 0, 4, "US-ASCII")).isEqualTo("RIFF");
    assertThat(header.getInt(4)).as("RIFF size unknown").isEqualTo(0xFFFFFFFF);
    assertThat(header.getShort(20)).as("PCM").isEqualTo((short) 1);
    assertThat(header.getShort(22)).as("mono").isEqualTo((short) 1);
    assertThat(header.getInt(24)).isEqualTo(48_000);
    assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
    assertThat(new String(out.toByteArray(), 36, 4, "US-ASCII")).isEqualTo("data");
    assertThat(header.getInt(40)).as("data size unknown").isEqualTo(0xFFFFFFFF);

    Path streamed = Files.write(dir.resolve("streamed.wav"), out.toByteArray());
    Path copy = dir.resolve("copy.wav");
    Sox.run("sox", "--ignore-length", streamed.toString(), copy.toString());
    assertThat(WavReader.read(copy).interleavedSamples()).isEqualTo(samples);
    assertThat(WavReader.read(streamed).interleavedSamples()).isEqualTo(samples);
  }
}
