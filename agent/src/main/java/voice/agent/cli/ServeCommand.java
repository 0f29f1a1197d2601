package voice.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.cluster.ClusterSettings;
import voice.agent.cluster.Gateway;
import voice.agent.cluster.Role;
import voice.agent.config.AgentConfig;
import voice.agent.pipeline.SharedVoice;
import voice.agent.server.AgentServer;
import voice.agent.server.ServerLimits;
import voice.agent.server.ServerSettings;
import voice.llm.LlmConfig;
import voice.stt.Recognizer;
import voice.stt.pool.RecognizerPool;
import voice.tts.SpeechEngine;

/** {@code voice-agent serve}: the headless agent (web page, voice WebSocket, OpenAI-compatible proxy). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the agent headless: a web page at /, a voice WebSocket at /v1/voice, an OpenAI-compatible",
        "POST /v1/chat/completions and GET /v1/models, /metrics (Prometheus) and /health.",
        "The first line on stdout is 'listening on http://HOST:PORT'.",
        "",
        "API keys: VOICE_AGENT_API_KEYS=key1,key2 (or server.api_keys in the config file). With keys set, API",
        "clients send 'Authorization: Bearer KEY'; the web page asks for a key once and keeps a session",
        "cookie (the key never goes in a URL). Without keys, anyone who can reach the address may use it.",
        "",
        "Cluster: --cluster --roles gateway[,stt,tts,llm] keeps the conversations here and asks the members",
        "offering stt, tts and llm ('voice-agent worker', or this node by its roles) for that work.",
        "",
        "Exit codes: 1 when the server cannot start (e.g. the port is in use), 2 for a bad option."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port (default 8080; 0 for any free port).")
  int port;

  @Option(names = "--transcript", paramLabel = "FILE",
      description = "Keep a transcript log there, one JSON line per answer, e-mail addresses and phone numbers redacted,"
          + " readable by its owner only (default: no transcript).")
  Path transcript;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Close a connection (WebSockets too) with nothing sent or received for this long (default ${DEFAULT-VALUE}).")
  int idleTimeout;

  @Option(names = "--header-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "A new connection must send its request headers within this time (default ${DEFAULT-VALUE}).")
  int headerTimeout;

  @Option(names = "--body-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "A request body must arrive whole within this time (default ${DEFAULT-VALUE}).")
  int bodyTimeout;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024",
      description = "Open connections in total (default ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "64",
      description = "Open connections from one client address (default ${DEFAULT-VALUE}).")
  int maxConnectionsPerAddress;

  @Option(names = "--max-sessions-per-key", paramLabel = "N", defaultValue = "4",
      description = "Voice sessions one API key (without keys: one address) may hold at once (default ${DEFAULT-VALUE}).")
  int maxSessionsPerKey;

  @Option(names = "--allowed-origin", paramLabel = "ORIGIN",
      description = "A web origin (https://app.example) whose pages may use the WebSocket and POSTs; repeatable."
          + " Default: the server's own origin only.")
  java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

  @Option(names = "--transcript-max-bytes", paramLabel = "N", defaultValue = "10485760",
      description = "Rotate the transcript log when it would grow past this size (default 10 MiB).")
  long transcriptMaxBytes;

  @Option(names = "--max-sessions", paramLabel = "N", description = "Concurrent voice sessions (default: config, else 8).")
  Integer maxSessions;

  @Mixin RecognizerOptions stt;

  @Mixin EchoOptions echo;

  @Mixin TurnTakingOptions turnTaking;

  @Mixin LlmOptions llm;

  @Mixin ClusterOptions cluster;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be 0..65535, was " + port, 2);
    }
    if (transcriptMaxBytes < 1024) {
      throw new UserError("--transcript-max-bytes must be at least 1024", 2);
    }
    for (int value : new int[] {idleTimeout, headerTimeout, bodyTimeout, maxConnections, maxConnectionsPerAddress,
        maxSessionsPerKey}) {
      if (value < 0) {
        throw new UserError("timeouts and limits must be 0 (off) or positive, was " + value, 2);
      }
    }
    cluster.checkUnused();
    Supplier<Recognizer> recognizers = stt.recognizers();
    AgentConfig config = AgentConfig.load(llm.configFile);
    ClusterSettings clustered = cluster.enabled() ? gatewaySettings(config) : null;
    // A gateway that offers no llm role runs no model itself: it needs no provider configured.
    LlmConfig llmConfig = clustered == null || clustered.offers(Role.llm) ? llm.toConfig(config) : null;
    ServerSettings base = ServerSettings.defaults()
        .withAddress(host, port)
        .withConfig(config, System.getenv())
        .withTranscript(transcript, transcriptMaxBytes)
        .withLimits(ServerLimits.defaults()
            .withTimeouts(idleTimeout, headerTimeout, bodyTimeout)
            .withConnections(maxConnections, maxConnectionsPerAddress)
            .withPerKey(maxSessionsPerKey, ServerLimits.defaults().badMessagesPerMinute(),
                ServerLimits.defaults().failedAuthPerMinute())
            .withAllowedOrigins(allowedOrigins));
    ServerSettings settings = base.withConversation(llm.turnOptions(config), echo.apply(turnTaking.apply(base.sttOptions(), config)),
        llmConfig != null ? llmConfig.model() : llm.model != null ? llm.model : "cluster");
    if (maxSessions != null) {
      settings = settings.withAccess(settings.apiKeys(), settings.rateLimitPerMinute(), maxSessions);
    }
    if (clustered == null || clustered.offers(Role.tts)) {
      SharedVoice.prefetch();  // MaryTTS loads on another core while the decoder and server start
    }
    // Sessions share one decoder per core, each held only inside an utterance. The pool opens its
    // first decoder now: a missing speech model fails with one line, not per session.
    RecognizerPool decoders = clustered == null || clustered.offers(Role.stt) ? RecognizerPool.sizedToCores(recognizers) : null;
    AgentServer server;
    try {
      server = clustered == null
          ? AgentServer.start(settings, vertx -> llm.createClient(vertx, llmConfig), SharedVoice.start(), decoders::lease)
          : startGateway(settings, clustered, llmConfig, decoders);
    } catch (UserError e) {
      throw e;
    } catch (RuntimeException e) {
      throw listenError(e);
    }
    System.out.println("listening on " + server.url());
    System.out.flush();
    System.err.println("voice-agent: web page " + server.url() + "/ , API " + server.url() + "/v1/chat/completions"
        + (settings.apiKeys().isEmpty() ? " (no API keys configured: open to anyone who can reach it)" : ""));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "serve-shutdown"));
    new CountDownLatch(1).await(); // serves until the process is stopped
    return 0;
  }

  private ClusterSettings gatewaySettings(AgentConfig config) {
    ClusterSettings settings = cluster.resolve(config, List.of(Role.gateway.name()));
    if (!settings.offers(Role.gateway)) {
      throw new UserError("serve holds the conversations: its --roles must include gateway"
          + " (a node that only does work is 'voice-agent worker --cluster --roles " + Role.join(settings.roles()) + "')", 2);
    }
    return settings;
  }

  /** The conversations here; recognition, model and voice on the members that offer them (this one too, by its roles). */
  private AgentServer startGateway(ServerSettings settings, ClusterSettings clustered, LlmConfig llmConfig,
      RecognizerPool decoders) {
    SpeechEngine localTts = clustered.offers(Role.tts) ? SharedVoice.start() : null;
    Gateway gateway = new Gateway(clustered, System.err);
    return AgentServer.start(settings, gateway,
        vertx -> gateway.model(llmConfig == null ? null : llm.createClient(vertx, llmConfig), localTts, decoders),
        gateway::voice, gateway::recognizer);
  }

  /** One line, whatever Netty threw: "Address already in use" becomes what to do about it. */
  private UserError listenError(RuntimeException e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof java.net.BindException)) {
      cause = cause.getCause();
    }
    String where = host + ":" + port;
    if (cause instanceof java.net.BindException || String.valueOf(cause.getMessage()).contains("in use")) {
      String reason = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (reason.contains("in use")) {
        return new UserError("cannot listen on " + where + ": the port is in use; choose another with --port (0 for any free port)");
      }
      return new UserError("cannot listen on " + where + ": " + reason);
    }
    return new UserError("cannot listen on " + where + ": " + cause.getMessage());
  }
}
