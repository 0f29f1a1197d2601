package voice.audio.wav;

import java.io.IOException;

/** A file that is not a WAV this project can read; the message is one line for the user. */
public final class WavFormatException extends IOException {
  public WavFormatException(String message) {
    super(message);
  }
}
