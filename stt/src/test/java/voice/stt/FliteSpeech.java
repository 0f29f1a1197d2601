package voice.stt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Speech made by Debian's flite (voices slt, rms, awb, kal16: all 16 kHz mono), a voice other than MaryTTS's. */
public final class FliteSpeech {
  private FliteSpeech() {}

  /** {@code text} spoken by {@code voice}, as 16 kHz mono samples. */
  public static short[] say(String voice, String text) throws IOException {
    Path wav = Files.createTempFile("flite-", ".wav");
    try {
      Process flite = new ProcessBuilder("flite", "-voice", voice, "-t", text, "-o", wav.toString())
          .redirectErrorStream(true).start();
      flite.getInputStream().readAllBytes();
      if (!flite.waitFor(60, TimeUnit.SECONDS) || flite.exitValue() != 0) {
        throw new IOException("flite failed for voice " + voice);
      }
      return TestAudio.read(wav);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(wav);
    }
  }
}
