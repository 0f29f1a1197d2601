package voice.agent.cli;

import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.stt.SttOptions;
import voice.stt.echo.AecMode;
import voice.stt.echo.SpeexEchoCanceller;

/** The echo-cancellation option shared by chat and serve. */
public final class EchoOptions {
  @Option(names = "--aec", paramLabel = "MODE", defaultValue = "auto",
      description = "Echo canceller on the microphone: auto (default: speexdsp when installed, else the echo gate "
          + "alone), speex, or off (the echo gate alone: a device with its own echo cancellation). The echo gate runs in every case.")
  String aec;

  /**
   * {@code options} with the chosen canceller, checked now: an unknown mode exits 2, {@code speex}
   * without the library exits 1 with the install line, and {@code auto} without it says once that
   * the gate works alone.
   */
  public SttOptions apply(SttOptions options) {
    AecMode mode;
    try {
      mode = AecMode.parse(aec);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), 2);
    }
    if (mode != AecMode.OFF && !SpeexEchoCanceller.available()) {
      if (mode == AecMode.SPEEX) {
        throw new UserError(SpeexEchoCanceller.INSTALL_HINT);
      }
      System.err.println("voice-agent: " + SpeexEchoCanceller.INSTALL_HINT + " (echo gate only)");
    }
    return options.withAec(mode);
  }
}
