package voice.agent.server.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import voice.core.llm.LlmEvent;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;

/**
 * One guarded answer: rewrites the text deltas of the upstream stream through the guard and
 * keeps the client contract (exactly one terminal event, nothing after a cancel). Upstream
 * events arrive one at a time; {@link #cancel()} may come from any thread.
 */
final class GuardedCall implements LlmCall {
  /** How an answer ended, for the transcript log. */
  record Ended(String turn, String userText, String answer, String outcome, String stopReason,
      int redactions, String error) {}

  private final LlmRequest request;
  private final Consumer<LlmEvent> events;
  private final StreamGuard guard;
  private final Consumer<Ended> onEnd;
  private final StringBuilder answer = new StringBuilder();
  private final Object lock = new Object();
  private LlmCall upstream;
  private boolean cancelWhenStarted;
  private boolean ended;
  private int textBlock = -1;
  private String stopReason;
  private LlmEvent.Usage usage;

  GuardedCall(LlmRequest request, Consumer<LlmEvent> events, StreamGuard guard, Consumer<Ended> onEnd) {
    this.request = request;
    this.events = events;
    this.guard = guard;
    this.onEnd = onEnd;
  }

  /** @param heavy true when the guard has rules to apply: its work then runs off the caller's thread (an event loop) */
  void start(LlmClient inner, boolean heavy) {
    OrderedTasks tasks = heavy ? new OrderedTasks() : null;
    LlmCall call = inner.stream(request, heavy ? event -> tasks.execute(() -> onUpstream(event)) : this::onUpstream);
    boolean cancelNow;
    synchronized (lock) {
      upstream = call;
      cancelNow = cancelWhenStarted;
    }
    if (cancelNow) {
      call.cancel();
    }
  }

  @Override
  public void cancel() {
    synchronized (lock) {
      if (ended) {
        return;
      }
      end("cancelled", null);
    }
    cancelUpstream();
  }

  private void onUpstream(LlmEvent event) {
    List<LlmEvent> out = new ArrayList<>(3);
    boolean stopUpstream;
    synchronized (lock) {
      if (ended) {
        return;
      }
      stopUpstream = translate(event, out);
    }
    out.forEach(events); // upstream delivers one at a time, so order is kept outside the lock
    if (stopUpstream) {
      cancelUpstream();
    }
  }

  /** Adds what goes downstream for {@code event}; true when the guard ended the answer. */
  private boolean translate(LlmEvent event, List<LlmEvent> out) {
    String turn = event.turn();
    if (event instanceof LlmEvent.BlockStart start && start.type() == LlmEvent.BlockType.text) {
      textBlock = start.index();
      out.add(event);
    } else if (event instanceof LlmEvent.BlockDelta delta && delta.type() == LlmEvent.BlockType.text) {
      textBlock = delta.index();
      return emit(guard.feed(delta.text()), turn, out);
    } else if (event instanceof LlmEvent.BlockStop stop && stop.index() == textBlock) {
      if (emit(guard.finish(), turn, out)) {
        return true;
      }
      textBlock = -1;
      out.add(event);
    } else if (event instanceof LlmEvent.MessageDelta delta) {
      stopReason = delta.stopReason();
      usage = delta.usage();
      out.add(event);
    } else if (event instanceof LlmEvent.MessageStop stop && stop.endOfTurn()) {
      if (flushOpenBlock(turn, out)) {
        return true;
      }
      out.add(event);
      end("done", null);
    } else if (event instanceof LlmEvent.LlmError error) {
      flushOpenBlock(turn, out);
      if (!ended) {
        out.add(event);
        end("error", error.message());
      }
    } else {
      out.add(event);
    }
    return false;
  }

  private boolean flushOpenBlock(String turn, List<LlmEvent> out) {
    return textBlock >= 0 && emit(guard.finish(), turn, out);
  }

  /** Sends guarded text; when the guard stops the answer, closes it cleanly. */
  private boolean emit(StreamGuard.Output output, String turn, List<LlmEvent> out) {
    int index = Math.max(0, textBlock);
    if (!output.text().isEmpty()) {
      answer.append(output.text());
      out.add(new LlmEvent.BlockDelta(turn, index, LlmEvent.BlockType.text, output.text()));
    }
    if (output.stop() == null) {
      return false;
    }
    boolean blocked = output.stop() == StreamGuard.Stop.BLOCKED;
    stopReason = blocked ? "content_filter" : "max_tokens";
    out.add(new LlmEvent.BlockStop(turn, index));
    out.add(new LlmEvent.MessageDelta(turn, stopReason, usage));
    out.add(new LlmEvent.MessageStop(turn, true));
    end(blocked ? "blocked" : "length", null);
    return true;
  }

  private void end(String outcome, String error) {
    ended = true;
    onEnd.accept(new Ended(request.turn(), lastUserText(), answer.toString(), outcome, stopReason,
        guard.redactions(), error));
  }

  private void cancelUpstream() {
    LlmCall call;
    synchronized (lock) {
      call = upstream;
      cancelWhenStarted = call == null;
    }
    if (call != null) {
      call.cancel();
    }
  }

  private String lastUserText() {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).role())) {
        return messages.get(i).content();
      }
    }
    return null;
  }
}
