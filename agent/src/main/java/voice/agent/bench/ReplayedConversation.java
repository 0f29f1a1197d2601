package voice.agent.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import voice.agent.config.OfflineModels;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.agent.pipeline.AudioInput;
import voice.agent.pipeline.InputEnd;
import voice.agent.pipeline.Listening;
import voice.agent.pipeline.VoicePipeline;
import voice.audio.out.RealtimePacedSink;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.Recognizer;
import voice.stt.SpeechEngines;
import voice.stt.SttOptions;
import voice.tts.SpeechEngine;

/**
 * One spoken conversation replayed in real time, as {@code chat --in} does, against a local
 * paced model (TTFT 200 ms, 50 tokens/s) and played on a real-time paced sink: the public
 * events it produced, for the probes to measure.
 */
final class ReplayedConversation {
  static final long TTFT_MS = 200;
  static final double TOKENS_PER_SECOND = 50;

  private ReplayedConversation() {}

  static List<AgentEvent> replay(Vertx serverVertx, SpeechEngine tts, TurnOptions options, SttOptions stt,
      Path recording, int answerTokens) throws Exception {
    PacedOpenAiServer server = new PacedOpenAiServer(serverVertx, ScriptedAnswer.tokens(answerTokens), TTFT_MS,
        TOKENS_PER_SECOND).start().await();
    Vertx vertx = Vertx.vertx();
    Codecs.register(vertx);
    LlmClient llm = LlmClients.create(vertx, LlmConfig.builder("openai", "bench").baseUrl(server.baseUrl()).maxRetries(0).build());
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<AgentEvent>consumer(Addresses.EVENTS, m -> events.add(m.body()));
    VoicePipeline pipeline = null;
    try {
      Recognizer recognizer = OfflineModels.standard().speechEngines().open(SpeechEngines.Choice.AUTO, null);
      InputEnd end = InputEnd.watch(vertx, "");
      pipeline = VoicePipeline.deploy(vertx, "", llm, tts, new RealtimePacedSink(new DiscardingSink()),
          options, Listening.of(recognizer, stt, AudioInput.recording(recording))).await();
      end.finished(pipeline).await();
    } finally {
      if (pipeline != null) {
        pipeline.close().await(); // frees the recognizer too
      }
      llm.close();
      vertx.close().await();
      server.close().await();
    }
    return events;
  }
}
