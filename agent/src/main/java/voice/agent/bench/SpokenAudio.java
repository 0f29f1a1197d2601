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
  /**
   * 10 ms quieter than this (about -40 dBFS) are the engine's silence, not speech: MaryTTS ends
   * every text with about 400 ms of faint noise (RMS 20-80) that no listener hears as speech.
   */
  private static final double QUIET_RMS = 300;
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
    int window = voice.sampleRate() / 100;
    int windows = bytes.length / 2 / window;
    int first = 0;
    int last = windows - 1;
    while (first < last && rms(bytes, first * window, window) < QUIET_RMS) {
      first++;
    }
    while (last > first && rms(bytes, last * window, window) < QUIET_RMS) {
      last--;
    }
    pcm.write(bytes, first * window * 2, (last - first + 1) * window * 2);
    return this;
  }

  private static double rms(byte[] pcm, int from, int count) {
    double sum = 0;
    for (int i = from; i < from + count; i++) {
      double sample = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
      sum += sample * sample;
    }
    return Math.sqrt(sum / count);
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
