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
  private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();

  public SpokenAudio(SpeechEngine voice) {
    this.voice = voice;
  }

  public SpokenAudio silence(long ms) {
    pcm.writeBytes(new byte[(int) (voice.sampleRate() * ms / 1000) * 2]);
    return this;
  }

  public SpokenAudio say(String text) throws Exception {
    voice.synthesize(text, pcm::writeBytes);
    return this;
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
