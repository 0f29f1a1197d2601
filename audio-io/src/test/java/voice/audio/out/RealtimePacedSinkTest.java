package voice.audio.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.audio.Signals;
import voice.audio.wav.WavReader;

class RealtimePacedSinkTest {
  @TempDir Path dir;

  @Test
  void writesNoFasterThanRealTimeAndKeepsEverySample() throws Exception {
    Path file = dir.resolve("paced.wav");
    RealtimePacedSink sink = new RealtimePacedSink(new WavFileSink(file));
    short[] samples = Signals.sine(16_000, 1, 440, 8000, 0.5).interleavedSamples();
    byte[] bytes = Signals.bytes(samples);

    sink.open(16_000);
    long start = System.nanoTime();
    for (int off = 0; off < bytes.length; off += 640) {
      sink.write(bytes, off, 640);
    }
    long writeMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(sink.playedFrames()).as("a device buffer is still unplayed").isLessThan(samples.length);
    sink.drain();
    long drainMs = (System.nanoTime() - start) / 1_000_000;
    sink.close();

    // Like a sound card: writes return once only the last 100 ms is left to play.
    assertThat(writeMs).isGreaterThanOrEqualTo(500 - RealtimePacedSink.BUFFER_MS - 1);
    assertThat(drainMs).isGreaterThanOrEqualTo(499);
    assertThat(sink.playedFrames()).isEqualTo(samples.length);
    assertThat(WavReader.read(file).interleavedSamples()).isEqualTo(samples);
  }

  @Test
  void flushDiscardsWhatWasNotPlayedYet() throws Exception {
    Path file = dir.resolve("flushed.wav");
    RealtimePacedSink sink = new RealtimePacedSink(new WavFileSink(file));
    byte[] bytes = Signals.bytes(Signals.sine(16_000, 1, 440, 8000, 0.05).interleavedSamples());

    sink.open(16_000);
    sink.write(bytes, 0, bytes.length); // 50 ms fits the buffer: nothing played yet
    sink.flush();
    long played = sink.playedFrames();
    sink.drain();
    sink.close();

    assertThat(played).isLessThan(800);
    assertThat(WavReader.read(file).frames()).isEqualTo((int) played);
  }
}
