package voice.llm.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.util.function.Consumer;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;
import voice.llm.LlmConfig;
import voice.llm.tools.Toolbox;
import voice.llm.turn.TurnLoop;

/** A provider reached over HTTP: its {@link WireProtocol} inside the shared {@link TurnLoop}. */
public final class HttpLlmClient implements LlmClient {
  private final Vertx vertx;
  private final LlmConfig config;
  private final HttpClient http;
  private final HttpRoundTransport transport;
  private final Toolbox toolbox;

  public HttpLlmClient(Vertx vertx, LlmConfig config, HttpClient http, WireProtocol protocol, Toolbox toolbox) {
    this.vertx = vertx;
    this.config = config;
    this.http = http;
    this.transport = new HttpRoundTransport(http, protocol);
    this.toolbox = toolbox;
  }

  @Override
  public LlmCall stream(LlmRequest request, Consumer<LlmEvent> events) {
    return TurnLoop.start(vertx, config, transport, toolbox, request, events);
  }

  @Override
  public String provider() {
    return config.provider();
  }

  @Override
  public void close() {
    http.close();
  }
}
