package voice.agent.say;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.CliRun;
import voice.audio.wav.WavReader;

/**
 * {@code say --out FILE < notes.txt}: the text is read while it is spoken, a little ahead of
 * the voice, so a text of any length takes the same memory.
 */
class SayStandardInputTest {
  /** Far more text than the test lets the voice speak: reading it all would show. */
  private static final long TEXT_BYTES = 300_000;

  @TempDir Path dir;

  /**
   * Sentences made up as they are read and handed over one at a time, as a pipe hands over
   * what its writer wrote; ends early once {@code end} is set.
   */
  private static final class LongText extends InputStream {
    final AtomicLong read = new AtomicLong();
    final AtomicBoolean end = new AtomicBoolean();
    private byte[] sentence = new byte[0];
    private int at;
    private int sentences;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(byte[] into, int off, int len) {
      if (at == sentence.length) {
        if (end.get() || read.get() >= TEXT_BYTES) {
          return -1;
        }
        sentence = ("Note " + ++sentences + " of many. ").getBytes(StandardCharsets.UTF_8);
        at = 0;
      }
      int n = Math.min(len, sentence.length - at);
      System.arraycopy(sentence, at, into, off, n);
      at += n;
      read.addAndGet(n);
      return n;
    }
  }

  @Test
  void aLongTextIsReadAsItIsSpoken() throws Exception {
    Path wav = dir.resolve("notes.wav");
    Path events = dir.resolve("events.jsonl");
    LongText text = new LongText();
    CompletableFuture<CliRun> say = CompletableFuture.supplyAsync(() ->
        CliRun.withInput(text, "say", "--out", wav.toString(), "--events", events.toString()));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (spokenChunks(events) < 3) {
      assertThat(say).as("still speaking").isNotDone();
      assertThat(System.nanoTime()).as("three sentences spoken within 120 s").isLessThan(deadline);
      Thread.sleep(20);
    }
    long readWhileSpeaking = text.read.get();
    text.end.set(true); // the writer closes the pipe
    CliRun run = say.get(120, TimeUnit.SECONDS);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(readWhileSpeaking).as("read a little ahead of the voice, not all of it")
        .isLessThan(2_000);
    long chunks = spokenChunks(events);
    assertThat(chunks).as("the sentences read ahead were spoken too").isGreaterThan(3);
    long ms = WavReader.read(wav).durationMs();
    assertThat(ms).as("about a second of speech per sentence").isBetween(chunks * 500, chunks * 4000);
  }

  private static long spokenChunks(Path events) throws Exception {
    return Files.exists(events) ? Files.readAllLines(events).stream().filter(l -> l.contains("\"type\":\"tts.chunk\"")).count() : 0;
  }
}
