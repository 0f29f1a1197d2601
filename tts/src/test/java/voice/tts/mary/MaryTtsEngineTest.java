package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaryTtsEngineTest {
  private static MaryTtsEngine engine;

  @BeforeAll
  static void startMary() {
    engine = MaryTtsEngine.start();
  }

  @Test
  void theVoiceSpeaksAt48kHz() {
    assertThat(engine.sampleRate()).isEqualTo(48_000);
  }

  @Test
  void helloWorldIsAboutASecondOfSound() throws Exception {
    List<byte[]> pieces = new ArrayList<>();
    engine.synthesize("Hello world.", pieces::add);

    ByteArrayOutputStream all = new ByteArrayOutputStream();
    pieces.forEach(all::writeBytes);
    double seconds = all.size() / 2.0 / engine.sampleRate();
    assertThat(seconds).isBetween(0.5, 3.0);
    assertThat(Pcm.rms(all.toByteArray())).as("not silence").isGreaterThan(300);
    // Pieces of 100 ms (the last may be shorter).
    assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(p -> assertThat(p).hasSize(9_600));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Dr. Smith paid $3.50 at 10:30, e.g. for the U.S. edition!",
      "\"Quoted,\" (bracketed) and... trailing",
      "a < b & c > d",
      "?!",
      "Ünïcödé naïve café."})
  void ourTokeniserCopesWithPunctuationNumbersAndAbbreviations(String text) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    engine.synthesize(text, all::writeBytes);
    assertThat(all.size() % 2).isZero();
    if (text.chars().anyMatch(Character::isLetter)) {
      assertThat(Pcm.rms(all.toByteArray())).isGreaterThan(300);
    }
  }

  @Test
  void callersOnManyThreadsAreServedOneAfterTheOther() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> lengths = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        lengths.add(callers.submit(() -> {
          ByteArrayOutputStream all = new ByteArrayOutputStream();
          engine.synthesize("The same words every time.", all::writeBytes);
          return all.size();
        }));
      }
      int first = lengths.get(0).get();
      assertThat(first).isGreaterThan(engine.sampleRate());
      for (Future<Integer> length : lengths) {
        assertThat(length.get()).isEqualTo(first);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aConsumerThatThrowsStopsTheSynthesis() {
    List<byte[]> pieces = new ArrayList<>();
    assertThatThrownBy(() -> engine.synthesize("A long sentence that nobody wants to hear to its very end.", pcm -> {
      pieces.add(pcm);
      throw new CancellationException("enough");
    })).isInstanceOf(CancellationException.class).hasMessage("enough");
    assertThat(pieces).hasSize(1);
  }

  @Test
  void blankTextGivesNoAudio() throws Exception {
    List<byte[]> pieces = new ArrayList<>();
    engine.synthesize("  ", pieces::add);
    assertThat(pieces).isEmpty();
  }

  @Test
  void maryTtsWritesNoLogIntoTheWorkingDirectory() throws Exception {
    engine.synthesize("Nothing to log.", pcm -> {});
    assertThat(Files.exists(Path.of("log", "server.log"))).isFalse();
  }

  @Test
  void startIsOncePerProcess() {
    assertThat(MaryTtsEngine.start()).isSameAs(engine);
  }
}
