package voice.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.satellite.SatelliteSettings;
import voice.stt.wake.WakeWordSettings;

/** {@code chat --server}: satellite mode, with a {@code serve} elsewhere doing the answering. */
public final class SatelliteOptions {
  @Option(names = "--server", paramLabel = "ws://HOST:PORT/v1/voice",
      description = "Satellite mode: listen here (voice detection, wake word), let this 'serve' recognize and answer, play the answer here.")
  String server;

  @Option(names = "--api-key", paramLabel = "KEY", description = "API key for --server (sent as 'Authorization: Bearer KEY').")
  String apiKey;

  /** True with {@code --server}; {@code --api-key} alone is refused (exit 2). */
  public boolean enabled() {
    if (server == null && apiKey != null) {
      throw new UserError("--api-key needs --server", 2);
    }
    return server != null;
  }

  SatelliteSettings settings(OutputOptions output, WakeWordSettings wakeWord, Path input) {
    return new SatelliteSettings(server, apiKey, output.out, output.outputDevice, output.realtime, output.events,
        wakeWord, input);
  }
}
