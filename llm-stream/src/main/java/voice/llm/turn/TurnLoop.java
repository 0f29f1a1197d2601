package voice.llm.turn;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmConfig;
import voice.llm.tools.Toolbox;

/**
 * One turn of any streaming provider: sends rounds through a {@link RoundTransport}, keeps the
 * {@link voice.llm.LlmClient} contract (one terminal event, nothing after cancel), retries
 * retryable failures before any text was emitted, enforces the first-token and stall timeouts,
 * and runs tool rounds until the model ends its turn. All state lives on one Vert.x context.
 */
public final class TurnLoop implements LlmCall {
  private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final Context context;
  private final LlmConfig config;
  private final RoundTransport transport;
  private final Toolbox toolbox;
  private final String turn;
  private final Consumer<LlmEvent> events;
  private Exchange exchange;
  private volatile boolean cancelled;
  private boolean finished;
  private boolean textEmitted;
  private int retries;
  private int toolIds;
  private RoundState current;
  private long retryTimer = -1;

  private TurnLoop(Vertx vertx, LlmConfig config, RoundTransport transport, Toolbox toolbox, LlmRequest request,
      Consumer<LlmEvent> events) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.config = config;
    this.transport = transport;
    this.toolbox = toolbox;
    this.turn = request.turn();
    this.events = events;
    this.exchange = Exchange.of(config, request, toolbox.specs());
  }

  /** Starts the turn's first request on the caller's context (or a new one off Vert.x threads). */
  public static TurnLoop start(Vertx vertx, LlmConfig config, RoundTransport transport, Toolbox toolbox,
      LlmRequest request, Consumer<LlmEvent> events) {
    TurnLoop loop = new TurnLoop(vertx, config, transport, toolbox, request, events);
    loop.context.runOnContext(v -> loop.startRound());
    return loop;
  }

  @Override
  public void cancel() {
    cancelled = true;
    context.runOnContext(v -> {
      vertx.cancelTimer(retryTimer);
      if (current != null) {
        current.close();
      }
    });
  }

  String turn() {
    return turn;
  }

  LlmConfig config() {
    return config;
  }

  Vertx vertx() {
    return vertx;
  }

  Context context() {
    return context;
  }

  boolean isOver() {
    return finished || cancelled;
  }

  String nextToolId() {
    return "call_" + turn + "_" + (++toolIds);
  }

  void emit(LlmEvent event) {
    if (isOver()) {
      return;
    }
    if (event instanceof LlmEvent.BlockDelta delta && delta.type() == LlmEvent.BlockType.text) {
      textEmitted = true;
    }
    events.accept(event);
  }

  void finish(LlmEvent terminal) {
    if (isOver()) {
      return;
    }
    finished = true;
    vertx.cancelTimer(retryTimer);
    if (current != null) {
      current.stopWatching();
    }
    events.accept(terminal);
  }

  private void startRound() {
    if (isOver()) {
      return;
    }
    current = new RoundState(this);
    current.begin(transport, exchange);
  }

  /** The round ended with an error: retry if allowed, else end the turn. */
  void roundFailed(RoundState round, LlmFailure failure) {
    Duration wait = failure.retryAfter() != null ? failure.retryAfter() : Backoff.delay(config.retryBaseDelay(), retries + 1);
    boolean retry = failure.retryable() && retries < config.maxRetries() && !textEmitted && !round.producedTokens()
        && wait.compareTo(MAX_RETRY_WAIT) <= 0;
    if (!retry || isOver()) {
      String suffix = retries > 0 ? " (after " + retries + (retries == 1 ? " retry)" : " retries)") : "";
      finish(new LlmEvent.LlmError(turn, failure.errorType(), failure.message() + suffix));
      return;
    }
    retries++;
    retryTimer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> startRound());
  }

  /** The message ended well: end the turn, or run its tool calls and go on. */
  void roundCompleted(List<AssistantBlock> blocks, List<String> invalidArguments) {
    List<AssistantBlock.ToolUse> calls = new ArrayList<>();
    for (AssistantBlock block : blocks) {
      if (block instanceof AssistantBlock.ToolUse use) {
        calls.add(use);
      }
    }
    if (calls.isEmpty()) {
      finish(new LlmEvent.MessageStop(turn, true));
      return;
    }
    emit(new LlmEvent.MessageStop(turn, false));
    if (exchange.rounds().size() >= config.maxToolRounds()) {
      finish(new LlmEvent.LlmError(turn, "tool_rounds_exceeded",
          "the model asked for tools in more than " + config.maxToolRounds() + " rounds of one turn"));
      return;
    }
    List<LlmEvent.ToolResult> results = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (AssistantBlock.ToolUse call : calls) {
      chain = chain.compose(v -> {
        if (isOver()) {
          return Future.failedFuture("turn over");
        }
        Future<voice.llm.tools.ToolOutcome> outcome = invalidArguments.contains(call.id())
            ? Future.succeededFuture(voice.llm.tools.ToolOutcome.error("the arguments were not valid JSON"))
            : toolbox.call(call.name(), call.argumentsJson());
        return outcome.map(result -> {
          LlmEvent.ToolResult event = new LlmEvent.ToolResult(turn, call.id(), call.name(), result.content(), result.isError());
          results.add(event);
          emit(event);
          return null;
        });
      });
    }
    chain.onComplete(done -> context.runOnContext(v -> {
      if (done.succeeded() && !isOver()) {
        exchange = exchange.withRound(new ToolRound(blocks, results));
        retries = 0;
        startRound();
      }
    }));
  }
}
