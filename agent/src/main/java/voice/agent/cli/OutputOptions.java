package voice.agent.cli;

import picocli.CommandLine.Option;

/** Where the voice goes, and where events go: shared by ask, say and chat. */
public final class OutputOptions {
  @Option(names = "--out", paramLabel = "FILE|-",
      description = "Write the voice to a WAV file, or '-' for a WAV stream on stdout, instead of the speaker.")
  String out;

  @Option(names = "--output-device", paramLabel = "NAME", description = "Sound output device (name or part of it; see 'voice-agent devices').")
  String outputDevice;

  @Option(names = "--realtime", description = "Pace a file or stdout output like a sound card.")
  boolean realtime;

  @Option(names = "--events", paramLabel = "FILE|-", description = "Write the JSON-lines event stream to FILE or stdout.")
  String events;
}
