package voice.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.config.AgentConfig;
import voice.agent.config.OfflineModels;
import voice.agent.server.AgentServer;
import voice.agent.server.ServerSettings;
import voice.agent.server.transcript.TranscriptLog;
import voice.llm.LlmConfig;
import voice.stt.Recognizer;
import voice.stt.SpeechEngineUnavailable;
import voice.stt.SpeechEngines;
import voice.tts.SpeechEngine;
import voice.tts.mary.MaryTtsEngine;

/** {@code voice-agent serve}: the headless agent (web page, voice WebSocket, OpenAI-compatible proxy). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the agent headless: a web page at /, a voice WebSocket at /v1/voice, an OpenAI-compatible",
        "POST /v1/chat/completions, /metrics (Prometheus) and /health. The first output line is the URL."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port (default 8080; 0 for any free port).")
  int port;

  @Option(names = "--transcript", paramLabel = "FILE",
      description = "Transcript log, one JSON line per answer (default $XDG_STATE_HOME/voice-agent/transcripts.jsonl).")
  Path transcript;

  @Option(names = "--transcript-max-bytes", paramLabel = "N", defaultValue = "10485760",
      description = "Rotate the transcript log when it would grow past this size (default 10 MiB).")
  long transcriptMaxBytes;

  @Option(names = "--max-sessions", paramLabel = "N", description = "Concurrent voice sessions (default: config, else 8).")
  Integer maxSessions;

  @Option(names = "--stt", paramLabel = "ENGINE", defaultValue = "auto",
      description = "auto (Vosk when a model is installed, else PocketSphinx), vosk or pocketsphinx.")
  String stt;

  @Option(names = "--vosk-model", paramLabel = "DIR", description = "Vosk model folder (default: VOSK_MODEL or the models cache).")
  Path voskModel;

  @Mixin LlmOptions llm;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be 0..65535, was " + port);
    }
    if (transcriptMaxBytes < 1024) {
      throw new UserError("--transcript-max-bytes must be at least 1024");
    }
    AgentConfig config = AgentConfig.load(llm.configFile);
    LlmConfig llmConfig = llm.toConfig(config);
    ServerSettings base = ServerSettings.defaults()
        .withAddress(host, port)
        .withConfig(config, System.getenv())
        .withTranscript(transcript != null ? transcript : TranscriptLog.defaultPath(System.getenv()), transcriptMaxBytes);
    ServerSettings settings = base.withConversation(llm.turnOptions(config), base.sttOptions(), llmConfig.model());
    if (maxSessions != null) {
      settings = settings.withAccess(settings.apiKeys(), settings.rateLimitPerMinute(), maxSessions);
    }
    Supplier<Recognizer> recognizers = recognizers();
    recognizers.get().close(); // a missing speech model fails now, with one line, not per session
    SpeechEngine tts;
    try {
      tts = MaryTtsEngine.start();
    } catch (RuntimeException e) {
      throw new UserError("cannot start the MaryTTS voice: " + e.getMessage());
    }
    AgentServer server;
    try {
      server = AgentServer.start(settings, vertx -> llm.createClient(vertx, llmConfig), tts, recognizers);
    } catch (UserError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    System.out.println("listening on " + server.url());
    System.out.flush();
    System.err.println("voice-agent: web page " + server.url() + "/ , API " + server.url() + "/v1/chat/completions"
        + (settings.apiKeys().isEmpty() ? " (no API keys configured: open to anyone who can reach it)" : ""));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "serve-shutdown"));
    new CountDownLatch(1).await(); // serves until the process is stopped
    return 0;
  }

  private Supplier<Recognizer> recognizers() {
    SpeechEngines engines = OfflineModels.standard().speechEngines();
    SpeechEngines.Choice choice;
    try {
      choice = SpeechEngines.Choice.parse(stt);
    } catch (SpeechEngineUnavailable e) {
      throw new UserError(e.getMessage());
    }
    return () -> {
      try {
        return engines.open(choice, voskModel);
      } catch (SpeechEngineUnavailable e) {
        throw new UserError(e.getMessage());
      }
    };
  }
}
