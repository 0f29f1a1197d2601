package voice.llm.bedrock;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import voice.llm.turn.Exchange;
import voice.llm.turn.LlmFailure;
import voice.llm.turn.RoundListener;
import voice.llm.turn.RoundTransport;

/**
 * One ConverseStream call per round through the async SDK. The call is started on
 * {@code starter}, not on the event loop, because signing may resolve credentials (files,
 * STS). Closing a round cancels the event subscription and the call's future, which closes the
 * HTTP connection, so the model stops generating.
 */
final class BedrockRoundTransport implements RoundTransport {
  private final BedrockRuntimeAsyncClient client;
  private final String endpoint;
  private final Executor starter;

  BedrockRoundTransport(BedrockRuntimeAsyncClient client, String endpoint, Executor starter) {
    this.client = client;
    this.endpoint = endpoint;
    this.starter = starter;
  }

  @Override
  public RoundHandle start(Exchange exchange, RoundListener listener) {
    String model = exchange.config().model();
    String url = endpoint + "/model/" + model + "/converse-stream";
    Round round = new Round(listener, new ConverseStreamDecoder(listener, model), url);
    ConverseStreamRequest request;
    try {
      request = BedrockRequests.of(exchange);
    } catch (RuntimeException e) {
      listener.failed(LlmFailure.fatal("invalid_request", BedrockFailures.oneLine(e.getMessage())));
      return round;
    }
    starter.execute(() -> round.send(request));
    return round;
  }

  private final class Round implements RoundHandle, ConverseStreamResponseHandler, Subscriber<ConverseStreamOutput> {
    private final RoundListener listener;
    private final ConverseStreamDecoder decoder;
    private final String url;
    private volatile boolean closed;
    private volatile Subscription subscription;
    private volatile CompletableFuture<Void> call;
    private boolean done;

    Round(RoundListener listener, ConverseStreamDecoder decoder, String url) {
      this.listener = listener;
      this.decoder = decoder;
      this.url = url;
    }

    void send(ConverseStreamRequest request) {
      if (closed) {
        return;
      }
      listener.requestSent(url);
      try {
        call = client.converseStream(request, this);
      } catch (RuntimeException e) {
        exceptionOccurred(e);
        return;
      }
      if (closed) {
        close();
      }
    }

    @Override
    public void close() {
      closed = true;
      Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      CompletableFuture<Void> c = call;
      if (c != null) {
        c.cancel(true);
      }
    }

    @Override
    public void responseReceived(ConverseStreamResponse response) {
      if (response.responseMetadata() != null) {
        decoder.requestId(response.responseMetadata().requestId());
      }
    }

    @Override
    public void onEventStream(SdkPublisher<ConverseStreamOutput> publisher) {
      publisher.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      if (closed) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(ConverseStreamOutput event) {
      if (!closed && !done) {
        event.accept(decoder);
      }
    }

    @Override
    public void onError(Throwable t) {
      exceptionOccurred(t);
    }

    @Override
    public void onComplete() {
      // The handler's complete() follows; the end is reported once, there.
    }

    @Override
    public synchronized void exceptionOccurred(Throwable failure) {
      if (closed || done) {
        return;
      }
      done = true;
      listener.failed(BedrockFailures.of(failure, url));
    }

    @Override
    public synchronized void complete() {
      if (closed || done) {
        return;
      }
      done = true;
      decoder.end();
    }
  }
}
