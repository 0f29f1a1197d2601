package voice.agent.cluster;

import java.util.function.Consumer;
import voice.core.bus.Addresses;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;

/**
 * The gateway's model: each turn goes to a member offering {@code llm}. A call that fails before
 * any of the answer arrived (its member busy, lost or silent) is made again on another member, at
 * most {@link #ATTEMPTS} times in all; once text has been streamed a lost member ends the turn
 * with one {@code worker_lost} error, since the answer cannot be resumed where it stopped.
 */
public final class RemoteLlmClient implements LlmClient {
  static final int ATTEMPTS = 3;
  private final RemoteStreams streams;
  private final Consumer<String> onRetry;
  private final Runnable onClose;

  /**
   * @param onRetry told the reason each time a call is made again elsewhere
   * @param onClose run by {@link #close()} (closes this node's own model client)
   */
  public RemoteLlmClient(RemoteStreams streams, Consumer<String> onRetry, Runnable onClose) {
    this.streams = streams;
    this.onRetry = onRetry;
    this.onClose = onClose;
  }

  @Override
  public void close() {
    onClose.run();
  }

  @Override
  public LlmCall stream(LlmRequest request, Consumer<LlmEvent> events) {
    Turn turn = new Turn(request, events);
    turn.attempt(1);
    return turn::cancel;
  }

  @Override
  public String provider() {
    return "cluster";
  }

  private final class Turn {
    final LlmRequest request;
    final Consumer<LlmEvent> events;
    volatile boolean cancelled;
    volatile RemoteStreams.Handle handle;
    boolean requestSent;
    boolean answerStarted;

    Turn(LlmRequest request, Consumer<LlmEvent> events) {
      this.request = request;
      this.events = events;
    }

    void attempt(int n) {
      handle = streams.open(Addresses.CLUSTER_LLM, request, new RemoteStreams.Listener() {
        @Override
        public void onMessage(Object body) {
          if (cancelled || !(body instanceof LlmEvent event)) {
            return;
          }
          if (event instanceof LlmEvent.RequestSent) {
            if (requestSent) {
              return; // a call made again: the request was already reported
            }
            requestSent = true;
          } else {
            answerStarted = true;
          }
          events.accept(event);
        }

        @Override
        public void onEnd() {}

        @Override
        public void onFailure(String reason, boolean busy, boolean retryable) {
          if (cancelled) {
            return;
          }
          if (retryable && !answerStarted && n < ATTEMPTS) {
            onRetry.accept(reason);
            attempt(n + 1);
          } else if (busy) {
            events.accept(new LlmEvent.LlmError(request.turn(), "cluster_busy", reason + "; retry later"));
          } else {
            events.accept(new LlmEvent.LlmError(request.turn(), "worker_lost",
                "the cluster member writing the answer was lost: " + reason));
          }
        }
      });
      if (cancelled) {
        handle.cancel();
      }
    }

    void cancel() {
      cancelled = true;
      RemoteStreams.Handle current = handle;
      if (current != null) {
        current.cancel();
      }
    }
  }
}
