package voice.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import voice.audio.wav.WavHeader;

/** A real WAV file of one second of silence (16 kHz mono), for commands that need some input. */
final class SilentRecording {
  private SilentRecording() {}

  static Path in(Path dir) throws Exception {
    byte[] pcm = new byte[16_000 * 2];
    Path wav = dir.resolve("silence.wav");
    Files.write(wav, WavHeader.pcm16Mono(16_000, pcm.length));
    Files.write(wav, pcm, StandardOpenOption.APPEND);
    return wav;
  }
}
