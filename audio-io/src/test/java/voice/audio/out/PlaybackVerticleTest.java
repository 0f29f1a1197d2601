package voice.audio.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.audio.Signals;
import voice.audio.device.AudioDeviceException;
import voice.audio.testdevice.VirtualDeviceProvider;
import voice.audio.testdevice.VirtualSpeakerLine;
import voice.audio.wav.WavReader;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.message.PlaybackAudio;
import voice.core.message.TurnCancel;
import voice.core.message.TurnCommit;
import voice.core.message.TurnSpeculation;

/** The playback stage against the virtual sound card: messages in, events and progress out. */
class PlaybackVerticleTest {
  private static final int RATE = 16_000;
  private PlaybackHarness harness;

  @AfterEach
  void close() throws Exception {
    VirtualDeviceProvider.plugged(true);
    if (harness != null) {
      harness.close();
    }
  }

  private static short[] tone(double seconds) {
    return Signals.sine(RATE, 1, 440, 8000, seconds).interleavedSamples();
  }

  @Test
  void playsATurnAndReportsEachChunkThenTheEnd() throws Exception {
    harness = new PlaybackHarness(new SpeakerSink("virtual speaker"), "play");
    short[] a = tone(0.2);
    short[] b = tone(0.1);
    harness.chunk("t1", 0, RATE, Arrays.copyOf(a, 1600), false, false);
    harness.chunk("t1", 0, RATE, Arrays.copyOfRange(a, 1600, a.length), true, false);
    harness.chunk("t1", 1, RATE, b, true, false);
    harness.chunk("t1", 2, RATE, new short[0], true, true);

    assertThat(harness.event("audio.start").turn()).isEqualTo("t1");
    harness.progress(p -> p.chunkIndex() == 0 && p.chunkDone() && p.playedMs() == 200 && p.stopReason() == null);
    harness.progress(p -> p.chunkIndex() == 1 && p.chunkDone() && p.playedMs() == 300);
    harness.progress(p -> p.chunkIndex() == 2 && p.chunkDone() && p.playedMs() == 300);
    AgentEvent stop = harness.event("audio.stop");
    assertThat(stop.fields()).containsEntry("reason", "done").containsEntry("underruns", 0);
    harness.progress(p -> "done".equals(p.stopReason()) && p.playedMs() == 300 && !p.chunkDone());

    VirtualSpeakerLine line = VirtualDeviceProvider.lastSpeakerLine();
    assertThat(line.getFormat().getSampleRate()).isEqualTo(RATE);
    assertThat(line.getBufferSize()).as("a ~100 ms buffer").isEqualTo(RATE / 10 * 2);
    assertThat(line.getLongFramePosition()).as("the device played it all").isEqualTo(a.length + b.length);
    byte[] expected = Signals.bytes(concat(a, b));
    assertThat(line.acceptedBytes()).isEqualTo(expected);
  }

  @Test
  void cancelFlushesTheDeviceAndIgnoresTheRestOfTheTurn() throws Exception {
    harness = new PlaybackHarness(new SpeakerSink(null), "cancel");
    harness.chunk("t2", 0, RATE, tone(3), true, false);
    harness.event("audio.start");
    VirtualSpeakerLine line = VirtualDeviceProvider.lastSpeakerLine();
    while (line.getLongFramePosition() < RATE / 5) {
      Thread.sleep(5); // until 200 ms were heard
    }

    harness.cancel("t2", TurnCancel.Reason.bargein);

    AgentEvent stop = harness.event("audio.stop");
    assertThat(stop.fields()).containsEntry("reason", "bargein").containsEntry("underruns", 0);
    var stopped = harness.progress(p -> "bargein".equals(p.stopReason()) && p.chunkIndex() == 0);
    long atStop = line.getLongFramePosition();
    assertThat(line.flushes()).isEqualTo(1);
    assertThat(line.flushedFrames()).isPositive();
    assertThat(harness.written(PlaybackAudio::flush).playsAtUs()).as("the flush is reported to the echo path").isPositive();
    assertThat(stopped.playedMs()).isBetween(200L, 2999L);
    assertThat(stopped.playedMs()).isEqualTo(atStop * 1000 / RATE);

    int acceptedAtStop = line.acceptedBytes().length;
    harness.chunk("t2", 1, RATE, tone(1), true, true); // late audio of the cancelled turn
    harness.chunk("next", 0, RATE, tone(0.1), true, true); // the later signal: the next turn plays
    assertThat(harness.event("audio.start").turn()).as("nothing of t2 came first").isEqualTo("next");
    harness.progress(p -> p.turn().equals("next") && p.chunkDone());
    assertThat(line.acceptedBytes().length - acceptedAtStop).as("only the next turn's audio was written")
        .isEqualTo(RATE / 10 * 2);
  }

  /** The echo canceller's reference: every piece written, where it sits in the device's stream and when it sounds. */
  @Test
  void reportsWhatItWritesToTheDeviceAndWhenItSounds() throws Exception {
    harness = new PlaybackHarness(new SpeakerSink(null), "written");
    short[] first = tone(0.5);
    short[] second = tone(0.2);
    harness.chunk("t5", 0, RATE, first, true, false);
    harness.progress(p -> p.chunkIndex() == 0 && p.chunkDone()); // played out: the device runs dry
    harness.chunk("t5", 1, RATE, second, true, true);
    harness.progress(p -> p.chunkIndex() == 1 && p.chunkDone());
    harness.progress(p -> "done".equals(p.stopReason()));

    List<PlaybackAudio> pieces = new ArrayList<>(harness.written);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    long frame = 0;
    for (PlaybackAudio piece : pieces) {
      assertThat(piece.frame()).as("pieces follow each other in the device's stream").isEqualTo(frame);
      frame += piece.pcm().length() / 2;
      all.writeBytes(piece.pcm().getBytes());
    }
    assertThat(all.toByteArray()).isEqualTo(Signals.bytes(concat(first, second)));
    PlaybackAudio start = pieces.get(0);
    PlaybackAudio restart = pieces.stream().filter(p -> p.frame() == first.length).findFirst().orElseThrow();
    for (PlaybackAudio piece : pieces.subList(0, pieces.indexOf(restart))) {
      assertThat(piece.playsAtUs()).as("while the device plays, each piece sounds where the last ended")
          .isCloseTo(start.playsAtUs() + piece.frame() * 1_000_000L / RATE, within(1L));
    }
    assertThat(restart.playsAtUs()).as("after the dry spell, the second chunk sounds later than a follow-on would")
        .isGreaterThan(start.playsAtUs() + first.length * 1_000_000L / RATE);
  }

  @Test
  void aSpeculativeTurnIsHeardOnlyOnceCommittedAndAnAbandonedOneNever() throws Exception {
    harness = new PlaybackHarness(new SpeakerSink(null), "held");
    harness.publish(Addresses.TURN_SPECULATIVE, new TurnSpeculation("gone", "u1", "set a timer for"));
    harness.chunk("gone", 0, RATE, tone(0.2), true, true);
    harness.cancel("gone", TurnCancel.Reason.cancelled); // the user went on
    harness.publish(Addresses.TURN_SPECULATIVE, new TurnSpeculation("kept", "u1", "set a timer for ten minutes"));
    harness.chunk("kept", 0, RATE, tone(0.1), true, true);
    harness.chunk("other", 0, RATE, tone(0.05), true, true); // a turn that is not held plays at once
    assertThat(harness.event("audio.start").turn()).as("held audio waits").isEqualTo("other");
    harness.event("audio.stop");

    harness.publish(Addresses.TURN_COMMIT, new TurnCommit("kept", "u1", "set a timer for ten minutes", true));
    assertThat(harness.event("audio.start").turn()).as("the abandoned turn was never heard").isEqualTo("kept");
    assertThat(harness.event("audio.stop").fields()).containsEntry("reason", "done").containsEntry("played_ms", 100L);
  }

  @Test
  void countsOneUnderrunPerDrySpell() throws Exception {
    harness = new PlaybackHarness(new SpeakerSink(null), "dry");
    harness.chunk("t3", 0, RATE, tone(0.1), true, false);
    harness.event("audio.start");
    harness.progress(p -> p.chunkIndex() == 0 && p.chunkDone()); // played out: the device is dry
    Thread.sleep(100); // still dry: the same spell
    harness.chunk("t3", 1, RATE, tone(0.1), true, false);
    harness.progress(p -> p.chunkIndex() == 1 && p.chunkDone());
    harness.chunk("t3", 2, RATE, tone(0.1), true, true);
    harness.progress(p -> p.chunkIndex() == 2 && p.chunkDone());

    assertThat(harness.event("audio.stop").fields()).containsEntry("reason", "done").containsEntry("underruns", 2);
    harness.progress(p -> "done".equals(p.stopReason()) && p.playedMs() == 300);
  }

  @Test
  void reopensTheDeviceWhenATurnHasAnotherRate() throws Exception {
    harness = new PlaybackHarness(new SpeakerSink(null), "rates");
    harness.chunk("a", 0, RATE, tone(0.05), true, true);
    harness.event("audio.start");
    harness.event("audio.stop");
    harness.chunk("b", 0, 22_050, Signals.sine(22_050, 1, 440, 8000, 0.05).interleavedSamples(), true, true);
    harness.event("audio.start");
    harness.event("audio.stop");

    assertThat(VirtualDeviceProvider.lastSpeakerLine().getFormat().getSampleRate()).isEqualTo(22_050);
  }

  @Test
  void writesTurnsToAWavFileThroughTheSameStage(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("answer.wav");
    harness = new PlaybackHarness(new WavFileSink(file), "file");
    short[] audio = tone(0.5);
    harness.chunk("f", 0, RATE, audio, true, true);
    harness.event("audio.start");
    assertThat(harness.event("audio.stop").fields()).containsEntry("reason", "done");
    harness.close();
    harness = null;

    assertThat(WavReader.read(file).interleavedSamples()).isEqualTo(audio);
  }

  @Test
  void noDeviceIsOneClearMessage() {
    assertThatThrownBy(() -> new SpeakerSink("usb headset"))
        .isInstanceOf(AudioDeviceException.class)
        .hasMessage("no audio output device: none is named like 'usb headset' (devices: "
            + VirtualDeviceProvider.SPEAKER_NAME + "); use --out FILE.wav or --out -");
    VirtualDeviceProvider.plugged(false);
    assertThatThrownBy(() -> new SpeakerSink(null))
        .isInstanceOf(AudioDeviceException.class)
        .hasMessage("no audio output device: this machine has none; use --out FILE.wav or --out -");
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
