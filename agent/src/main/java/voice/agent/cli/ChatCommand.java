package voice.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.config.AgentConfig;
import voice.agent.pipeline.AudioInput;
import voice.agent.pipeline.ConversationPrinter;
import voice.agent.pipeline.InputEnd;
import voice.agent.pipeline.SpeakingRun;
import voice.agent.satellite.Satellite;
import voice.audio.in.FileAudioSource;
import voice.core.turn.TurnOptions;
import voice.models.FirstRun;
import voice.stt.Recognizer;
import voice.stt.SttOptions;
import voice.stt.wake.WakeWordSettings;

/**
 * {@code voice-agent chat}: a spoken conversation through the microphone (or a recording with
 * {@code --in}), answered aloud; speaking over the answer interrupts it.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Talk with the assistant: it listens, answers aloud, and stops when you speak over it.")
public final class ChatCommand implements Callable<Integer> {
  @Mixin LlmOptions llm;
  @Mixin OutputOptions output;
  @Mixin RecognizerOptions stt;
  @Mixin EchoOptions echo;
  @Mixin WakeWordOptions wake;
  @Mixin SatelliteOptions satellite;
  @Mixin TurnTakingOptions turnTaking;

  @Option(names = "--in", paramLabel = "FILE", description = "Replay a recording (WAV of any rate, or .raw 16 kHz) as the microphone, in real time; "
      + "or '-': raw 16 kHz mono s16le from standard input, as it arrives (arecord -f S16_LE -r 16000 -c 1 | voice-agent chat --in -). "
      + "chat ends when it is over.")
  Path input;

  @Option(names = "--input-device", paramLabel = "NAME", description = "Microphone (name or part of it; see 'voice-agent devices').")
  String inputDevice;


  @Option(names = "--half-duplex", description = "Ignore the microphone while the assistant speaks (for echoing rooms).")
  Boolean halfDuplex;

  @Option(names = "--bargein-min-ms", paramLabel = "MS", description = "Speech shorter than this does not interrupt (default 200).")
  Long bargeInMinMs;

  @Option(names = "--endpoint-ms", paramLabel = "MS", description = "Silence that ends an utterance whose words say neither way whether it is over (default 700).")
  Long endpointMs;

  @Override
  public Integer call() {
    WakeWordSettings wakeWord = wake.settings();
    boolean fromStdin = input != null && input.toString().equals("-");
    if (fromStdin) {
      checkStdinUsage();
    }
    if (satellite.enabled()) { // the answers come from a serve elsewhere: no model, recognizer or voice here
      return Satellite.run(satellite.settings(output, wakeWord, input), input == null ? null : readInput(),
          thread -> AudioInput.microphone(inputDevice).source("", thread));
    }
    AgentConfig config = AgentConfig.load(llm.configFile);
    llm.checkProvider(config);
    Supplier<Recognizer> recognizers = stt.recognizers();
    SttOptions sttOptions = sttOptions(config);
    AudioInput audio = input == null ? AudioInput.microphone(inputDevice)
        : fromStdin ? AudioInput.stream(System.in) : AudioInput.recording(readInput());
    // The outputs next: an unusable --out or --events is refused before the models are loaded.
    try (SpeakingRun run = SpeakingRun.open(output.out, output.outputDevice, output.realtime, output.events)) {
      var llmConfig = llm.toConfig(config, FirstRun.ALL_KINDS);
      TurnOptions options = turnOptions(config);
      var client = llm.createClient(run.vertx(), llmConfig);
      PrintStream transcript = "-".equals(output.out) || "-".equals(output.events) ? System.err : System.out;
      ConversationPrinter.attach(run.vertx(), "", transcript);
      InputEnd inputEnd = InputEnd.watch(run.vertx(), "");
      run.start(client, options, WakeWordOptions.listening(recognizers.get(), wakeWord, sttOptions, audio));
      if (input == null) {
        transcript.println("(listening: speak, Ctrl-C to quit)");
      }
      run.run(inputEnd::finished);
      if (!inputEnd.heardSpeech()) {
        // Nothing was asked, so nothing was answered: say so rather than end in silence.
        throw new UserError(WakeWordOptions.nothingAddressed(wakeWord, input));
      }
      run.keepOutput();
      return 0;
    }
  }

  /** {@code --in -} reads a pipe: refused, in one line, where it cannot work. */
  private void checkStdinUsage() {
    String problem = satellite.enabled() ? "--in - cannot be used with --server"
        : inputDevice != null ? "--in - and --input-device both name the microphone; give one"
        : System.console() != null ? "--in - reads raw 16 kHz mono s16le from a pipe, not a terminal "
            + "(e.g. arecord -f S16_LE -r 16000 -c 1 | voice-agent chat --in -)"
        : null;
    if (problem != null) {
      throw new UserError(problem, 2);
    }
  }

  /** Reads the whole recording up front, so a missing or broken file is one line before anything starts. */
  private short[] readInput() {
    try {
      return FileAudioSource.readMono16k(input);
    } catch (IOException e) {
      throw new UserError("cannot read " + input + ": " + TranscribeCommand.reason(input.toString(), e), 2);
    }
  }

  private TurnOptions turnOptions(AgentConfig config) {
    TurnOptions options = llm.turnOptions(config);
    long minMs = bargeInMinMs != null ? bargeInMinMs : options.bargeInMinMs();
    boolean half = halfDuplex != null ? halfDuplex : options.halfDuplex();
    return options.withBargeIn(minMs, half);
  }

  private SttOptions sttOptions(AgentConfig config) {
    Long silence = endpointMs != null ? endpointMs : config.voice().endpointSilenceMs();
    SttOptions base = silence == null ? SttOptions.DEFAULT : SttOptions.DEFAULT.withEndSilenceMs(silence);
    return echo.apply(turnTaking.apply(base, config));
  }
}
