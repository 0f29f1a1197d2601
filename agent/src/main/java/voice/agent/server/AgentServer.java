package voice.agent.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import voice.agent.server.access.AccessControl;
import voice.agent.server.access.ApiErrors;
import voice.agent.server.access.RateLimiter;
import voice.agent.server.access.BrowserPolicy;
import voice.agent.server.access.SessionSlots;
import voice.agent.server.access.TurnLimitedLlmClient;
import voice.agent.server.connection.ConnectionGuard;
import voice.agent.server.openai.ModelsHandler;
import voice.agent.server.guard.GuardedLlmClient;
import voice.agent.server.metrics.ServerMetrics;
import voice.agent.server.openai.ChatCompletionsHandler;
import voice.agent.server.transcript.TranscriptLog;
import voice.agent.server.voice.VoiceEndpoint;
import voice.agent.server.voice.VoiceSetup;
import voice.core.bus.Codecs;
import voice.llm.LlmClient;
import voice.stt.Recognizer;
import voice.tts.SpeechEngine;

/**
 * The headless agent: the web page at {@code /} (public; it logs in through {@code POST
 * /v1/session}), the voice WebSocket at {@code /v1/voice}, the OpenAI-compatible text proxy at
 * {@code /v1/chat/completions} and {@code /v1/models}, {@code /metrics} and {@code /health}, on
 * its own Vert.x instance (with Micrometer metrics), behind the limits of {@link ServerLimits}.
 */
public final class AgentServer implements AutoCloseable {
  /** Seconds a client refused for want of a cluster member waits: a worker starts in seconds. */
  static final int CLUSTER_RETRY_AFTER_S = 5;
  private final Vertx vertx;
  private final HttpServer http;
  private final LlmClient llm;
  private final TranscriptLog transcript;
  private final ServerMetrics metrics;
  private final String host;
  private final VoiceEndpoint voice;
  private final ConnectionGuard guard;

  private AgentServer(Vertx vertx, HttpServer http, LlmClient llm, TranscriptLog transcript, ServerMetrics metrics,
      String host, VoiceEndpoint voice, ConnectionGuard guard) {
    this.voice = voice;
    this.guard = guard;
    this.vertx = vertx;
    this.http = http;
    this.llm = llm;
    this.transcript = transcript;
    this.metrics = metrics;
    this.host = host;
  }

  /**
   * Starts everything and listens; blocks until listening, so call it from a plain thread.
   *
   * @param llmFactory the provider client, built on the server's Vert.x instance
   * @param tts the synthesizer every session shares
   * @param recognizers makes one recognizer per session (called on a worker thread)
   */
  public static AgentServer start(ServerSettings settings, Function<Vertx, LlmClient> llmFactory,
      SpeechEngine tts, Supplier<Recognizer> recognizers) {
    return start(settings, Placement.STANDALONE, llmFactory, () -> tts, recognizers);
  }

  /**
   * As above, with the work placed by {@code placement} (a cluster's gateway); {@code tts} is
   * asked for once the model client exists.
   */
  public static AgentServer start(ServerSettings settings, Placement placement, Function<Vertx, LlmClient> llmFactory,
      Supplier<SpeechEngine> ttsFactory, Supplier<Recognizer> recognizers) {
    ServerMetrics metrics = new ServerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    Vertx vertx = placement.vertx(
        new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            // No remote or local address nor pool name (the provider's host must not show on /metrics), no
            // event-bus address (each session's scoped addresses would add series forever).
            .setLabels(EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.EB_SIDE,
                Label.EB_FAILURE, Label.POOL_TYPE, Label.NAMESPACE))),
        builder -> builder.withMetrics(new MicrometerMetricsFactory(metrics.registry())));
    Codecs.register(vertx);
    LlmClient llm = null;
    TranscriptLog transcript = null;
    try {
      llm = llmFactory.apply(vertx);
      SpeechEngine tts = ttsFactory.get();
      transcript = settings.transcript() == null ? null
          : TranscriptLog.open(settings.transcript(), settings.transcriptMaxBytes(), TranscriptLog.DEFAULT_KEEP);
      ServerLimits limits = settings.limits();
      SessionSlots slots = new SessionSlots(settings.maxSessions(), limits.maxSessionsPerKey());
      RateLimiter perKey = new RateLimiter(settings.rateLimitPerMinute());
      ConnectionGuard guard = new ConnectionGuard(vertx, limits, settings.maxBodyBytes(), metrics);
      VoiceEndpoint voice = voiceEndpoint(vertx, settings, llm, transcript, metrics, tts, recognizers, slots, perKey, guard);
      Router router = router(vertx, settings, llm, transcript, metrics, voice, slots, perKey, guard, placement);
      HttpServer http = vertx.createHttpServer(new HttpServerOptions()
              .setHost(settings.host()).setPort(settings.port())
              .setIdleTimeout(limits.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
              .setMaxWebSocketFrameSize(settings.maxWebSocketMessageBytes())
              .setMaxWebSocketMessageSize(settings.maxWebSocketMessageBytes())
              .setTcpNoDelay(true))
          .connectionHandler(guard::onConnection)
          .requestHandler(guard.requests(router))
          .listen().await();
      return new AgentServer(vertx, http, llm, transcript, metrics, settings.host(), voice, guard);
    } catch (Exception e) { // await() rethrows checked ones too (java.net.BindException)
      if (transcript != null) {
        transcript.close();
      }
      if (llm != null) {
        llm.close();
      }
      vertx.close();
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
    }
  }

  private static VoiceEndpoint voiceEndpoint(Vertx vertx, ServerSettings settings, LlmClient llm, TranscriptLog transcript,
      ServerMetrics metrics, SpeechEngine tts, Supplier<Recognizer> recognizers, SessionSlots slots, RateLimiter perKey,
      ConnectionGuard guard) {
    VoiceSetup setup = new VoiceSetup(tts,
        (session, client) -> new TurnLimitedLlmClient(
            new GuardedLlmClient(llm, settings.guardrails(), transcript, "voice", session), perKey, client, vertx),
        recognizers, settings.turnOptions(), settings.sttOptions(), metrics,
        settings.maxAudioFrameBytes(), settings.maxTextMessageBytes(), settings.maxWebSocketMessageBytes(),
        new RateLimiter(settings.limits().badMessagesPerMinute()));
    return new VoiceEndpoint(vertx, setup, slots, guard::releaseOf);
  }

  private static Router router(Vertx vertx, ServerSettings settings, LlmClient llm, TranscriptLog transcript,
      ServerMetrics metrics, VoiceEndpoint voice, SessionSlots slots, RateLimiter perKey, ConnectionGuard guard,
      Placement placement) {
    metrics.activeSessions(slots::active);
    AccessControl access = new AccessControl(settings.apiKeys(), perKey, settings.limits().failedAuthPerMinute(), metrics::error);
    Handler<RoutingContext> tooLarge = rc -> {
      if (rc.statusCode() == 413) {
        guard.tooLarge(rc.request());
      } else {
        rc.next();
      }
    };
    Router router = Router.router(vertx);
    router.route().handler(new BrowserPolicy(settings.limits().allowedOrigins(), () -> metrics.error("origin_refused"))::handle);
    router.get("/health").handler(rc -> rc.json(new JsonObject().put("status", "ok").put("sessions", slots.active())
        .mergeIn(new JsonObject(placement.health()))));
    // The page itself is public: it holds no secret, and it is where a user logs in.
    // Only the page's own files: an API path (a WebSocket upgrade above all) must not take the detour.
    router.getWithRegex("/(?:[A-Za-z0-9-]+\\.(?:html|js|css))?")
        .handler(StaticHandler.create("web").setCachingEnabled(false).setIndexPage("index.html"));
    router.post("/v1/session").handler(BodyHandler.create().setBodyLimit(4096).setHandleFileUploads(false))
        .handler(access::login).failureHandler(tooLarge);
    router.route().handler(access::authorize);
    router.get("/metrics").handler(rc -> rc.response()
        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
    ModelsHandler models = new ModelsHandler(settings.model());
    router.get("/v1/models").handler(models::list);
    router.get("/v1/models/*").handler(models::one);
    router.post("/v1/chat/completions").handler(rc -> admit(rc, placement.textRefusal(), metrics));
    router.post("/v1/chat/completions")
        .handler(BodyHandler.create().setBodyLimit(settings.maxBodyBytes()).setHandleFileUploads(false))
        .handler(new ChatCompletionsHandler(
            client -> new GuardedLlmClient(llm, settings.guardrails(), transcript, "http", client),
            settings.model(), metrics))
        .failureHandler(tooLarge);
    router.get("/v1/voice").handler(rc -> admit(rc, placement.voiceRefusal(), metrics)).handler(voice);
    return router;
  }

  /** A request no member can take now: 429 with retry-after, before anything starts. */
  private static void admit(RoutingContext rc, String refusal, ServerMetrics metrics) {
    if (refusal == null) {
      rc.next();
      return;
    }
    metrics.error("cluster_busy");
    rc.response().putHeader("retry-after", Integer.toString(CLUSTER_RETRY_AFTER_S));
    ApiErrors.send(rc.response(), 429, refusal, "rate_limit_error", "cluster_busy");
  }

  public int port() {
    return http.actualPort();
  }

  /** {@code http://HOST:PORT}, as printed when the server starts. */
  public String url() {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
  }

  /** Voice sessions open now (torn-down ones no longer count). */
  public int activeSessions() {
    return voice.activeSessions();
  }

  /** HTTP connections open now. */
  public int openConnections() {
    return guard.openConnections();
  }

  public Vertx vertx() {
    return vertx;
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  /** Stops listening, ends every session, closes the provider client and the transcript log. */
  @Override
  public void close() {
    try {
      // Sessions first, so their stages are undeployed in order rather than all at once.
      voice.closeAll().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A session that does not end in time is undeployed with the rest when Vert.x closes.
    }
    http.close().await();
    vertx.close().await();
    llm.close();
    if (transcript != null) {
      transcript.close();
    }
  }
}
