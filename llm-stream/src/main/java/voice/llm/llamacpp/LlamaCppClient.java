package voice.llm.llamacpp;

import io.vertx.core.Vertx;
import java.util.function.Consumer;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;
import voice.llm.LlmConfig;
import voice.llm.tools.Toolbox;
import voice.llm.turn.TurnLoop;

/**
 * An embedded llama.cpp model (de.kherud:llama): {@code config.model()} is the path of a GGUF
 * file. The model starts loading on the engine's own thread when the client is made; turns wait
 * for it. Tools are not offered to embedded models.
 */
public final class LlamaCppClient implements LlmClient {
  private final Vertx vertx;
  private final LlmConfig config;
  private final LlamaCppEngine engine;

  /** @throws IllegalArgumentException (one line) when the GGUF file is missing or unreadable */
  public LlamaCppClient(Vertx vertx, LlmConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.engine = new LlamaCppEngine(config, GgufModelFile.resolve(config.model()));
  }

  @Override
  public LlmCall stream(LlmRequest request, Consumer<LlmEvent> events) {
    return TurnLoop.start(vertx, config, engine, Toolbox.empty(), request, events);
  }

  @Override
  public String provider() {
    return config.provider();
  }

  @Override
  public void close() {
    engine.close();
  }

  /** Tokens read after a cancel before generation stopped (at most one); for tests. */
  int tokensReadAfterCancel() {
    return engine.tokensAfterClose;
  }
}
