package voice.stt.echo;

import java.util.Locale;

/** Which acoustic echo canceller runs on the microphone path, ahead of the {@link EchoGate}. */
public enum AecMode {
  /** speexdsp's canceller when the library is installed, else the gate alone. */
  AUTO,
  /** speexdsp's canceller; an error when the library is missing. */
  SPEEX,
  /** No canceller (a device with its own hardware echo cancellation): the gate alone. */
  OFF;

  /** Parses {@code auto}, {@code speex} or {@code off}. */
  public static AecMode parse(String value) {
    for (AecMode mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("--aec must be auto, speex or off, was '" + value + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
