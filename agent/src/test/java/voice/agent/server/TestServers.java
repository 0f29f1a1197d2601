package voice.agent.server;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Supplier;
import voice.agent.demo.PacedOpenAiServer;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.Recognizer;
import voice.stt.SpeechEngines;
import voice.tts.mary.MaryTtsEngine;

/** Starts the agent server against a local paced OpenAI-format provider, with real MaryTTS and PocketSphinx. */
final class TestServers {
  private TestServers() {}

  static PacedOpenAiServer upstream(Vertx vertx, List<String> tokens, long ttftMs, double tokensPerSecond) {
    return new PacedOpenAiServer(vertx, tokens, ttftMs, tokensPerSecond).start().await();
  }

  static AgentServer start(ServerSettings settings, PacedOpenAiServer upstream) {
    return start(settings, upstream.baseUrl());
  }

  /** Against any OpenAI-format base URL (one that fails, one with credentials in it). */
  static AgentServer start(ServerSettings settings, String baseUrl) {
    LlmConfig config = LlmConfig.builder("openai", "bench").baseUrl(baseUrl)
        .maxRetries(0).build();
    return AgentServer.start(settings.withAddress("127.0.0.1", 0),
        vertx -> LlmClients.create(vertx, config), MaryTtsEngine.start(), recognizers());
  }

  static Supplier<Recognizer> recognizers() {
    return () -> SpeechEngines.fromEnvironment(null).open(SpeechEngines.Choice.POCKETSPHINX, null);
  }
}
