package voice.agent.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import voice.audio.wav.WavHeader;
import voice.tts.SpeechEngine;

/**
 * A recording made with the project's own voice: speech and silences laid out at known
 * offsets, written as a WAV file, so whoever replays it knows when each utterance starts.
 */
public final class SpokenAudio {
  private final SpeechEngine voice;
  /** A sample quieter than this (about -50 dBFS) is the engine's silence, not speech. */
  private static final int QUIET = 100;
  private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

  public SpokenAudio(SpeechEngine voice) {
    this.voice = voice;
  }

  public SpokenAudio silence(long ms) {
    pcm.writeBytes(new byte[(int) (voice.sampleRate() * ms / 1000) * 2]);
    return this;
  }

  /**
   * Says {@code text} without the engine's own silence before and after it, so the positions
   * are the speech's and a silence laid out is the pause heard.
   */
  public SpokenAudio say(String text) throws Exception {
    ByteArrayOutputStream speech = new ByteArrayOutputStream();
    voice.synthesize(text, speech::writeBytes);
    byte[] bytes = speech.toByteArray();
    int first = 0;
    int last = bytes.length / 2 - 1;
    while (first < last && Math.abs(sample(bytes, first)) < QUIET) {
      first++;
    }
    while (last > first && Math.abs(sample(bytes, last)) < QUIET) {
      last--;
    }
    pcm.write(bytes, first * 2, (last - first + 1) * 2);
    return this;
  }

  private static int sample(byte[] pcm, int i) {
    return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
  }

  /** Position of the end of what was laid out so far, in milliseconds. */
  public long positionMs() {
    return pcm.size() / 2 * 1000L / voice.sampleRate();
  }

  public Path write(Path file) throws IOException {
    byte[] data = pcm.toByteArray();
    ByteArrayOutputStream wav = new ByteArrayOutputStream(WavHeader.SIZE + data.length);
    wav.writeBytes(WavHeader.pcm16Mono(voice.sampleRate(), data.length));
    wav.writeBytes(data);
    Files.write(file, wav.toByteArray());
    return file;
  }
}
