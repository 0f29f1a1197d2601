package voice.agent.demo;

import io.vertx.core.Vertx;
import voice.llm.LlmConfig;

/**
 * The {@code demo} provider: a built-in local model that streams a scripted answer, so the voice
 * can be tried with nothing installed. It is a real OpenAI-compatible server on 127.0.0.1
 * ({@link PacedOpenAiServer}), reached by the ordinary OpenAI client; the benchmark drives the
 * same server at its own pace.
 */
public final class DemoProvider {
  public static final String NAME = "demo";
  /** About a sentence and a half of speech before the answer ends. */
  static final int ANSWER_TOKENS = 60;
  /** A model that thinks a little, then writes at a pace a voice can keep up with. */
  static final long TTFT_MS = 300;
  static final double TOKENS_PER_SECOND = 25;

  private DemoProvider() {}

  /** Starts the demo model in {@code vertx} and returns the client configuration that reaches it. */
  public static LlmConfig start(Vertx vertx) {
    PacedOpenAiServer server = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(ANSWER_TOKENS), TTFT_MS,
        TOKENS_PER_SECOND).start().await();
    return LlmConfig.builder("openai", NAME).baseUrl(server.baseUrl()).maxRetries(0).build();
  }
}
