package voice.llm;

import java.util.function.Consumer;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;

/**
 * A provider of streamed answers. The contract every implementation keeps:
 *
 * <ul>
 *   <li>{@link #stream} returns at once; events of {@code request.turn()} follow on
 *       {@code events}, in order, never concurrently with each other.
 *   <li>Exactly one terminal event per call: {@link LlmEvent.MessageStop} with
 *       {@code endOfTurn == true}, or {@link LlmEvent.LlmError}. Never both, never twice,
 *       nothing after it. Failures (bad status, connection refused, malformed stream, timeout)
 *       arrive as {@code LlmError}, never as an exception from {@code stream}.
 *   <li>A turn with tool calls holds several messages; the intermediate
 *       {@link LlmEvent.MessageStop}s have {@code endOfTurn == false}.
 *   <li>After {@link LlmCall#cancel()} nothing more is delivered and upstream work stops.
 *   <li>No event and no log line ever holds the API key.
 * </ul>
 *
 * Events may be delivered on any thread; {@link LlmVerticle} moves them onto its context.
 * Providers that speak a streaming protocol reuse {@link voice.llm.turn.TurnLoop}, which keeps
 * this contract for them (retries, timeouts, tool rounds) around a
 * {@link voice.llm.turn.RoundTransport}.
 */
public interface LlmClient {
  LlmCall stream(LlmRequest request, Consumer<LlmEvent> events);

  /** The provider's name as in the configuration: openai, anthropic, ollama, ... */
  String provider();

  /** Releases connections and threads; calls in flight are cancelled. */
  default void close() {}
}
