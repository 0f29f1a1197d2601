package voice.agent.bench;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.agent.events.EventLogWriter;
import voice.agent.pipeline.SharedVoice;
import voice.audio.out.RealtimePacedSink;
import voice.core.bus.Codecs;
import voice.core.chunk.SentenceChunker;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.SttOptions;
import voice.tts.SpeechEngine;
import voice.tts.mary.MaryTtsEngine;

/**
 * {@code voice-agent bench}: time to first audio of the streaming pipeline against a batch
 * baseline, and what it is made of. Each run asks the same question twice, streamed and batch,
 * one after the other; the probes (event-bus hops, MaryTTS speed) run when nothing else does.
 */
public final class Benchmark {
  /** Messages per event-bus probe (after {@link BusHopProbe#WARM_UP} unmeasured ones). */
  static final int HOP_MESSAGES = 2000;
  private static final int TTS_REPEATS = 5;
  /** One pass over the scripted answer's eight sentences. */
  private static final int WARM_UP_TOKENS = 140;

  /**
   * @param tailMs playback of the streamed answer is cut this long after the model's text ended;
   *     -1 plays the whole answer
   * @param events where the streamed turns' public events go (JSON lines), null for nowhere
   */
  public record Settings(int runs, int tokens, long ttftMs, double tokensPerSecond, long tailMs, String prompt,
      TurnOptions options, EventLogWriter events, int conversationRuns, SttOptions stt) {}

  /** A real provider measured instead of the local paced server. */
  public record Provider(String name, String model, String url, Function<Vertx, LlmClient> client) {}

  private final Settings settings;
  private final Provider provider;
  private final PrintStream progress;

  /** @param provider null for the local paced server */
  public Benchmark(Settings settings, Provider provider, PrintStream progress) {
    this.settings = settings;
    this.provider = provider;
    this.progress = progress;
  }

  public BenchReport run() throws Exception {
    double loadStart = loadAverage();
    Vertx vertx = Vertx.vertx();
    Codecs.register(vertx);
    // The local provider gets its own threads, so its pace does not depend on the pipeline's load.
    Vertx serverVertx = Vertx.vertx();
    PacedOpenAiServer server = null;
    LlmClient llm = null;
    try {
      progress("starting MaryTTS");
      SpeechEngine tts = SharedVoice.start();
      warmUp(vertx, serverVertx, tts);
      if (provider == null) {
        server = new PacedOpenAiServer(serverVertx, ScriptedAnswer.tokens(settings.tokens()), settings.ttftMs(),
            settings.tokensPerSecond()).start().await();
        llm = localClient(vertx, server, settings.tokens());
      } else {
        llm = provider.client().apply(vertx);
      }
      List<RunFigures> runs = new ArrayList<>();
      BatchTurn lastBatch = null;
      for (int i = 1; i <= settings.runs(); i++) {
        runs.add(oneRun(vertx, llm, tts, i));
        lastBatch = runs.get(runs.size() - 1).batch();
      }
      progress("event-bus hop latency (" + HOP_MESSAGES + " TextChunks, " + HOP_MESSAGES + " AudioChunks)");
      BusHopProbe.Hop textHop = BusHopProbe.textChunks(vertx, HOP_MESSAGES);
      BusHopProbe.Hop audioHop = BusHopProbe.audioChunks(vertx, HOP_MESSAGES);
      List<String> distinct = new ArrayList<>(new LinkedHashSet<>(lastBatch.chunks()));
      progress("MaryTTS real-time factor over the answer's " + distinct.size() + " distinct chunks");
      SynthesisProbe.RealTimeFactor rtf = SynthesisProbe.realTimeFactor(tts, distinct);
      ConversationProbe.Figures conversation = ConversationProbe.run(serverVertx, tts, settings.conversationRuns(),
          settings.options(), settings.stt(), this::progress);
      return new BenchReport(settingsJson(), runs, textHop, audioHop, rtf, conversation, loadStart, loadAverage());
    } finally {
      if (llm != null) {
        llm.close();
      }
      if (server != null) {
        server.close().await();
      }
      vertx.close().await();
      serverVertx.close().await();
    }
  }

  private RunFigures oneRun(Vertx vertx, LlmClient llm, SpeechEngine tts, int run) throws Exception {
    String of = run + "/" + settings.runs();
    progress("run " + of + ": streamed answer, played on a real-time paced sink");
    StreamingTurn.Result streamed = StreamingTurn.run(vertx, "bench-" + run, llm, tts, settings.options(),
        new RealtimePacedSink(new DiscardingSink()), settings.prompt(), settings.tailMs());
    if (settings.events() != null) {
      streamed.events().forEach(settings.events()::write);
    }
    StreamTimeline timeline = StreamTimeline.of(streamed.events());
    progress("run " + of + ": MaryTTS alone on the first chunk");
    double ttsFirstChunk = SynthesisProbe.firstAudioMs(tts, timeline.firstChunk(), TTS_REPEATS);
    progress("run " + of + ": batch baseline (whole answer first)");
    BatchTurn batch = BatchTurn.run(llm, tts, settings.options(), "bench-batch-" + run, settings.prompt());
    RunFigures figures = new RunFigures(streamed.metrics(), timeline, streamed.outcome(), batch, ttsFirstChunk);
    progress(String.format(Locale.ROOT, "run %s: streaming TTFA %.0f ms, batch TTFA %.0f ms, floor %.0f ms",
        of, figures.ttfaMs(), batch.ttfaMs(), figures.floorMs()));
    return figures;
  }

  /**
   * One pass of synthesis over the scripted answer's sentences and one short streamed turn, so
   * the measured runs do not pay for class loading and JIT compilation (a single synthesis left
   * the first measured run several hundred milliseconds slower).
   */
  private void warmUp(Vertx vertx, Vertx serverVertx, SpeechEngine tts) throws Exception {
    progress("warming up: MaryTTS speaks the scripted answer's sentences once, then one short streamed turn");
    SentenceChunker chunker = new SentenceChunker(settings.options().chunker());
    List<String> sentences = new ArrayList<>(chunker.feed(String.join("", ScriptedAnswer.tokens(WARM_UP_TOKENS))));
    sentences.addAll(chunker.flush());
    for (String sentence : new LinkedHashSet<>(sentences)) {
      tts.synthesize(sentence, pcm -> { });
    }
    PacedOpenAiServer warmUpServer = new PacedOpenAiServer(serverVertx, ScriptedAnswer.tokens(24), 1, 1000).start().await();
    LlmClient client = localClient(vertx, warmUpServer, 24);
    try {
      StreamingTurn.run(vertx, "bench-warm-up", client, tts, settings.options(), new DiscardingSink(), "Warm up.", -1);
    } finally {
      client.close();
      warmUpServer.close().await();
    }
  }

  private static LlmClient localClient(Vertx vertx, PacedOpenAiServer server, int tokens) {
    return LlmClients.create(vertx, LlmConfig.builder("openai", "bench").baseUrl(server.baseUrl())
        .maxTokens(tokens).maxRetries(0).build());
  }


  private Map<String, Object> settingsJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (provider == null) {
      json.put("description", String.format(Locale.ROOT,
          "Local OpenAI-compatible server on 127.0.0.1 streaming a %d-token answer: TTFT %d ms, then %s tokens/s.",
          settings.tokens(), settings.ttftMs(), trim(settings.tokensPerSecond())));
      json.put("provider", "local");
      json.put("tokens", settings.tokens());
      json.put("ttft_ms", settings.ttftMs());
      json.put("tokens_per_second", settings.tokensPerSecond());
    } else {
      json.put("description", "Provider " + provider.name() + ", model " + provider.model() + " at "
          + provider.url() + " (the answer's length and pace are the provider's).");
      json.put("provider", provider.name());
      json.put("model", provider.model());
      json.put("url", provider.url());
    }
    json.put("runs", settings.runs());
    json.put("prompt", settings.prompt());
    json.put("played", settings.tailMs() < 0 ? "the whole answer"
        : "while the model wrote and " + trim(settings.tailMs() / 1000.0) + " s after");
    json.put("tail_seconds", settings.tailMs() < 0 ? null : settings.tailMs() / 1000.0);
    json.put("voice", MaryTtsEngine.VOICE);
    json.put("warm_up", "MaryTTS speaks the scripted answer's sentences once, then one short streamed turn");
    json.put("cores", Runtime.getRuntime().availableProcessors());
    json.put("java", System.getProperty("java.version"));
    return json;
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** {@code bench --turn-taking}: MaryTTS started and warmed up, then the turn-taking recordings replayed. */
  public static TurnTakingFigures turnTaking(int passes, TurnOptions options, SttOptions stt, PrintStream progress,
      EventLogWriter events) throws Exception {
    Vertx serverVertx = Vertx.vertx();
    try {
      progress.println("bench: starting MaryTTS");
      SpeechEngine tts = SharedVoice.start();
      tts.synthesize("Paris is the capital of France.", pcm -> { });
      return TurnTakingProbe.run(serverVertx, tts, passes, true, options, stt, line -> {
        progress.println("bench: " + line);
        progress.flush();
      }, events == null ? null : events::write);
    } finally {
      serverVertx.close().await();
    }
  }

  private void progress(String line) {
    progress.println("bench: " + line);
    progress.flush();
  }
}
