package voice.llm.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import voice.llm.turn.Exchange;
import voice.llm.turn.RoundListener;
import voice.llm.turn.RoundTransport;

/**
 * Sends a provider's request with the Vert.x HTTP client and feeds the streamed body to its
 * decoder. Closing a round closes the TCP connection, so the server stops generating.
 */
public final class HttpRoundTransport implements RoundTransport {
  private final HttpClient http;
  private final WireProtocol protocol;

  public HttpRoundTransport(HttpClient http, WireProtocol protocol) {
    this.http = http;
    this.protocol = protocol;
  }

  @Override
  public RoundHandle start(Exchange exchange, RoundListener listener) {
    Round round = new Round(listener);
    WireProtocol.Request request;
    try {
      request = protocol.request(exchange);
    } catch (RuntimeException e) {
      listener.failed(voice.llm.turn.LlmFailure.fatal("invalid_request", HttpFailures.oneLine(e.getMessage())));
      return round;
    }
    RequestOptions options;
    try {
      options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(request.url());
    } catch (RuntimeException e) {
      listener.failed(voice.llm.turn.LlmFailure.fatal("invalid_request", "invalid URL " + request.url()));
      return round;
    }
    options.setHeaders(request.headers()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    http.request(options)
        .compose(req -> round.sent(req, request))
        .onComplete(ar -> {
          if (round.closed) {
            return;
          }
          if (ar.failed()) {
            listener.failed(HttpFailures.fromConnection(request.url(), ar.cause()));
          } else {
            round.receive(ar.result());
          }
        });
    return round;
  }

  private final class Round implements RoundHandle {
    private final RoundListener listener;
    private volatile boolean closed;
    private HttpClientRequest current;

    Round(RoundListener listener) {
      this.listener = listener;
    }

    Future<HttpClientResponse> sent(HttpClientRequest req, WireProtocol.Request request) {
      current = req;
      if (closed) {
        close();
        return Future.failedFuture("closed");
      }
      listener.requestSent(request.url());
      return req.send(request.body().toBuffer());
    }

    void receive(HttpClientResponse response) {
      if (response.statusCode() / 100 != 2) {
        response.body().onComplete(body -> {
          if (!closed) {
            listener.failed(HttpFailures.fromStatus(response.statusCode(), response.statusMessage(),
                body.succeeded() ? body.result().toString() : "", response.getHeader("retry-after")));
          }
        });
        return;
      }
      WireProtocol.StreamDecoder decoder = protocol.decoder(listener);
      response.handler(buffer -> {
        if (!closed) {
          decoder.feed(buffer.getBytes());
        }
      });
      response.endHandler(v -> {
        if (!closed) {
          decoder.end();
        }
      });
      response.exceptionHandler(failure -> {
        if (!closed) {
          listener.failed(voice.llm.turn.LlmFailure.fatal("connection_error",
              "connection lost while streaming: " + HttpFailures.oneLine(String.valueOf(failure.getMessage()))));
        }
      });
    }

    @Override
    public void close() {
      closed = true;
      HttpClientRequest req = current;
      if (req != null) {
        if (req.connection() != null) {
          req.connection().close();
        } else {
          req.reset();
        }
      }
    }
  }
}
