package voice.agent.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import voice.agent.UserError;
import voice.agent.bench.BenchReport;
import voice.agent.bench.BenchTable;
import voice.agent.bench.Benchmark;
import voice.agent.bench.FootprintProbe;
import voice.agent.bench.TurnTakingFigures;
import voice.agent.bench.room.RoomBench;
import voice.agent.bench.room.RoomTable;
import voice.agent.config.AgentConfig;
import voice.agent.events.EventLogWriter;
import voice.agent.server.bench.ClusterBench;
import voice.agent.server.bench.ServeRssBench;
import voice.agent.server.bench.VoiceLoadBench;
import voice.core.turn.TurnOptions;
import voice.llm.LlmConfig;
import voice.stt.SttOptions;

import voice.stt.echo.AecMode;

/**
 * {@code voice-agent bench}: time to first audio, streaming against batch, and what it is made
 * of. A table on stdout, progress on stderr, {@code --json FILE} for scripts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure time to first audio of the streaming pipeline against a batch baseline,",
        "its floor, event-bus hops, MaryTTS speed and underruns. By default against a local",
        "OpenAI-compatible server on 127.0.0.1 with a scripted pace; --llm measures a real provider."})
public final class BenchCommand implements Callable<Integer> {
  static final String DEFAULT_PROMPT =
      "Tell me about Paris, the capital of France, in about four hundred words of plain spoken sentences.";

  @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Repetitions; medians are reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--tokens", paramLabel = "N", defaultValue = "500", description = "Tokens of the local answer (default ${DEFAULT-VALUE}).")
  int tokens;

  @Option(names = "--ttft-ms", paramLabel = "MS", defaultValue = "200", description = "Local server's time to first token (default ${DEFAULT-VALUE}).")
  long ttftMs;

  @Option(names = "--tokens-per-second", paramLabel = "RATE", defaultValue = "50", description = "Local server's pace (default ${DEFAULT-VALUE}).")
  double tokensPerSecond;

  @Option(names = "--tail-seconds", paramLabel = "S", defaultValue = "5",
      description = "Play the streamed answer while the model writes and this long after, then cut it (default ${DEFAULT-VALUE}).")
  double tailSeconds;

  @Option(names = "--play-all", description = "Play the whole streamed answer in real time (minutes for 500 tokens).")
  boolean playAll;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "The question (the local server answers the same whatever it is).")
  String prompt = DEFAULT_PROMPT;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
  Path json;

  @Option(names = "--events", paramLabel = "FILE|-", description = "Write the streamed turns' JSON-lines events to FILE or stdout.")
  String events;

  @Option(names = "--conversation-runs", paramLabel = "N", defaultValue = "3",
      description = "Spoken conversations (question, answer, interruption) replayed for voice-to-voice and barge-in figures; 0 skips (default ${DEFAULT-VALUE}).")
  int conversationRuns;

  @Option(names = "--voice-sessions", paramLabel = "MAX",
      description = "Instead: load-test 'serve' with up to MAX concurrent WebSocket voice sessions on 127.0.0.1 (steps 1, 2, 4, ..., MAX, all run) and report the largest N with no underrun and no cross-talk.")
  Integer voiceSessions;

  @Option(names = "--voice-speech", paramLabel = "FILE.raw", description = "16 kHz mono 16-bit speech each voice session sends (default: goforward.raw of pocketsphinx-testdata).")
  Path voiceSpeech = VoiceLoadBench.DEFAULT_SPEECH;

  @Option(names = "--footprint",
      description = "Instead: start-up time of 'say \"Hello.\"' with and without the launcher's class-data archive, and peak resident memory of 'chat --in' a question with --llm demo, per JVM profile (default and small; --runs repetitions).")
  boolean footprint;

  @Option(names = "--serve-rss", paramLabel = "SESSIONS",
      description = "Instead: run 'serve' as a child process with and without MALLOC_ARENA_MAX=2 and report its resident memory over SESSIONS voice sessions (4 at a time).")
  Integer serveRss;

  @Option(names = "--turn-taking",
      description = "Instead: replay spoken turn-taking in real time (--runs times): plain questions (voice-to-voice p50/p95), utterances with pauses inside (premature answers, added delay), backchannels over an answer (resumed, gap) and a real interruption, with speculative requests started and committed.")
  boolean turnTaking;

  @Option(names = "--cluster",
      description = "Instead: the cross-node hop of the clustered event bus (p50, p95), then --voice-sessions N (default 4) voice sessions on one node and on a gateway with two workers doing stt, tts and llm (child JVMs on 127.0.0.1), in one run.")
  boolean cluster;

  @Option(names = "--room",
      description = "Instead: the loudspeaker room with the echo canceller (--aec): users at 0, -6, -10 and -15 dB against the echo speak over --answers answers per level (rooms of 20, 90 and 200 ms); false barge-ins, interruptions, onset-to-stop time, WER over the answer and in silence, the canceller's CPU.")
  boolean room;

  @Option(names = "--answers", paramLabel = "N", defaultValue = "60", description = "With --room: answers per level (default ${DEFAULT-VALUE}).")
  int answers;

  @Mixin EchoOptions echo;

  @Mixin LlmOptions llm;

  @Mixin TurnTakingOptions turnRules;

  @Override
  public Integer call() throws Exception {
    if (cluster) {
      return clusterBench();
    }
    if (voiceSessions != null) {
      return voiceLoad();
    }
    if (footprint) {
      return footprint();
    }
    if (serveRss != null) {
      return serveRss();
    }
    if (room) {
      return room();
    }
    validate();
    SttOptions sttOptions = turnRules.apply(SttOptions.DEFAULT, AgentConfig.load(llm.configFile));
    if (turnTaking) {
      return turnTaking(sttOptions);
    }
    Benchmark.Provider provider = null;
    TurnOptions options = TurnOptions.defaults();
    if (llm.provider != null || llm.baseUrl != null) {
      AgentConfig config = AgentConfig.load(llm.configFile);
      if (llm.maxTokens == null) {
        llm.maxTokens = tokens;
      }
      LlmConfig cfg = llm.toConfig(config);
      provider = new Benchmark.Provider(cfg.provider(), cfg.model(), cfg.baseUrlOrDefault(),
          vertx -> llm.createClient(vertx, cfg));
      options = llm.turnOptions(config);
    }
    long tailMs = playAll ? -1 : Math.round(tailSeconds * 1000);
    BenchReport report;
    try (EventLogWriter eventLog = events == null ? null : EventLogWriter.open(events)) {
      report = new Benchmark(new Benchmark.Settings(runs, tokens, ttftMs, tokensPerSecond, tailMs, prompt, options,
          eventLog, conversationRuns, sttOptions), provider, System.err).run();
    }
    System.out.print(BenchTable.render(report));
    System.out.flush();
    if (json != null) {
      writeJson(report);
    }
    return 0;
  }

  private int turnTaking(SttOptions sttOptions) throws Exception {
    TurnTakingFigures figures;
    try (EventLogWriter eventLog = events == null ? null : EventLogWriter.open(events)) {
      figures = Benchmark.turnTaking(runs, TurnOptions.defaults(), sttOptions, System.err, eventLog);
    }
    System.out.println("| Turn-taking (" + runs + " replays, model TTFT 200 ms) | Value | Goal |");
    System.out.println("|---|---|---|");
    for (String[] row : figures.rows()) {
      System.out.println("| " + String.join(" | ", row) + " |");
    }
    if (json != null) {
      try {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), figures.toJson());
      } catch (IOException e) {
        throw new UserError("cannot write " + json + ": " + e.getMessage());
      }
    }
    return 0;
  }

  private int voiceLoad() throws IOException {
    if (voiceSessions < 1) {
      throw new UserError("--voice-sessions must be at least 1, got " + voiceSessions, 2);
    }
    if (!Files.isRegularFile(voiceSpeech)) {
      throw new UserError("no speech recording at " + voiceSpeech
          + ": apt-get install pocketsphinx-testdata, or pass --voice-speech FILE.raw");
    }
    VoiceLoadBench.Report report = VoiceLoadBench.run(voiceSessions, voiceSpeech, System.err);
    System.out.println("| Voice sessions at once | Held | Answered | Underruns | Cross-talk | Voice-to-voice p50 / max | RSS (process, peak) | RSS per extra session |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (VoiceLoadBench.Step step : report.steps()) {
      System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %s | %.0f / %.0f ms | %d MiB | %.1f MiB |%n", step.sessions(),
          step.held() ? "yes" : "no", step.answered(), step.underruns(), step.crossTalk() ? "yes" : "no",
          step.voiceToVoiceP50Ms(), step.voiceToVoiceMaxMs(), step.rssBytes() >> 20,
          step.rssPerExtraSessionBytes() / 1048576.0);
    }
    System.out.println("Largest N that held: " + report.largestHeld());
    return 0;
  }

  private int clusterBench() throws Exception {
    int sessions = voiceSessions != null ? voiceSessions : 4;
    if (sessions < 1) {
      throw new UserError("--voice-sessions must be at least 1, got " + sessions, 2);
    }
    if (!Files.isRegularFile(voiceSpeech)) {
      throw new UserError("no speech recording at " + voiceSpeech
          + ": apt-get install pocketsphinx-testdata, or pass --voice-speech FILE.raw");
    }
    ClusterBench.Report report = ClusterBench.run(sessions, voiceSpeech, 1000, System.err);
    System.out.println("| Cross-node hop (2 members, 127.0.0.1) | p50 | p95 |");
    System.out.println("|---|---|---|");
    System.out.printf(Locale.ROOT, "| TextChunk | %.3f ms | %.3f ms |%n", report.hops().text().p50Ms(), report.hops().text().p95Ms());
    System.out.printf(Locale.ROOT, "| AudioChunk, 100 ms of 48 kHz | %.3f ms | %.3f ms |%n", report.hops().audio().p50Ms(),
        report.hops().audio().p95Ms());
    System.out.println();
    System.out.println("| Setup | Voice sessions | Held | Answered | Underruns | Cross-talk | Voice-to-voice p50 / max |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (ClusterBench.Row row : report.rows()) {
      VoiceLoadBench.Step step = row.step();
      System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %s | %.0f / %.0f ms |%n", row.setup(), step.sessions(),
          step.held() ? "yes" : "no", step.answered(), step.underruns(), step.crossTalk() ? "yes" : "no",
          step.voiceToVoiceP50Ms(), step.voiceToVoiceMaxMs());
    }
    return 0;
  }

  private int footprint() throws Exception {
    validate();
    Path root = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getParent().getParent().getParent();
    Path launcher = root.resolve("voice-agent");
    if (!Files.isExecutable(launcher)) {
      throw new UserError("--footprint runs the voice-agent launcher, not found at " + launcher);
    }
    Path work = Files.createTempDirectory("voice-agent-footprint");
    List<FootprintProbe.Row> rows = new FootprintProbe(launcher, work, runs, System.err).measure(List.of("default", "small"));
    System.out.println("| JVM profile | `say \"Hello.\"` without archive | with archive | with / without | Peak RSS, `chat --in` question, `--llm demo` |");
    System.out.println("|---|---|---|---|---|");
    for (FootprintProbe.Row row : rows) {
      System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.2f | %d MB |%n", row.profile(), row.startupNoCdsMs(),
          row.startupCdsMs(), row.startupCdsMs() / row.startupNoCdsMs(), row.chatPeakRssKb() / 1024);
    }
    return 0;
  }

  private int serveRss() throws Exception {
    if (serveRss < 1) {
      throw new UserError("--serve-rss must be at least 1, got " + serveRss, 2);
    }
    if (!Files.isRegularFile(voiceSpeech)) {
      throw new UserError("no speech recording at " + voiceSpeech
          + ": apt-get install pocketsphinx-testdata, or pass --voice-speech FILE.raw");
    }
    ServeRssBench.Report report = ServeRssBench.run(serveRss, voiceSpeech, List.of("-Xmx512m"), System.err);
    System.out.println("| serve child (-Xmx512m) | " + String.join(" | ",
        report.rssMiB().values().iterator().next().keySet().stream().map(n -> n + " sessions").toList()) + " |");
    System.out.println("|---" + "|---".repeat(report.rssMiB().values().iterator().next().size()) + "|");
    report.rssMiB().forEach((label, rss) -> System.out.println("| " + label + " | " + String.join(" | ",
        rss.values().stream().map(v -> String.format(Locale.ROOT, "%.0f MiB", v)).toList()) + " |"));
    return 0;
  }

  private int room() throws Exception {
    if (answers < 1) {
      throw new UserError("--answers must be at least 1, got " + answers, 2);
    }
    if (!Files.isRegularFile(voiceSpeech)) {
      throw new UserError("no speech recording at " + voiceSpeech
          + ": apt-get install pocketsphinx-testdata, or pass --voice-speech FILE.raw");
    }
    AecMode aec = echo.apply(voice.stt.SttOptions.DEFAULT).aec();
    System.out.print(RoomTable.render(RoomBench.run(voiceSpeech, aec, answers, System.err)));
    System.out.println("(bench --room --aec " + aec + " --answers " + answers + ")");
    return 0;
  }

  private void validate() {
    if (runs < 1) {
      throw new UserError("--runs must be at least 1, got " + runs, 2);
    }
    if (tokens < 2) {
      throw new UserError("--tokens must be at least 2, got " + tokens, 2);
    }
    if (ttftMs < 0) {
      throw new UserError("--ttft-ms must not be negative, got " + ttftMs, 2);
    }
    if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
      throw new UserError("--tokens-per-second must be a positive number, got " + tokensPerSecond, 2);
    }
    if (!(tailSeconds >= 0) || Double.isInfinite(tailSeconds)) {
      throw new UserError("--tail-seconds must be zero or more, got " + tailSeconds, 2);
    }
    if (prompt == null || prompt.isBlank()) {
      throw new UserError("--prompt must not be empty", 2);
    }
    if (json != null && json.toAbsolutePath().getParent() != null && !json.toAbsolutePath().getParent().toFile().isDirectory()) {
      throw new UserError("cannot write " + json + ": its folder does not exist");
    }
  }

  private void writeJson(BenchReport report) {
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report.toJson());
    } catch (IOException e) {
      throw new UserError("cannot write " + json + ": " + e.getMessage());
    }
  }
}
