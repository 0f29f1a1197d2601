package voice.llm.anthropic;

import io.vertx.core.json.JsonObject;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;
import voice.llm.http.HttpFailures;
import voice.llm.http.WireProtocol;
import voice.llm.sse.ServerSentEvent;
import voice.llm.sse.ServerSentEventParser;
import voice.llm.turn.LlmFailure;
import voice.llm.turn.RoundListener;

/**
 * Maps Anthropic's stream, which the normalized model copies, almost one to one. The input
 * token count of {@code message_start} is carried into the usage of {@code message_delta}.
 * Unknown event types are ignored, as Anthropic's versioning policy asks of clients.
 */
final class AnthropicStreamDecoder implements WireProtocol.StreamDecoder {
  private final RoundListener listener;
  private final ServerSentEventParser parser = new ServerSentEventParser(this::onEvent);
  private boolean done;
  private int inputTokens = -1;

  AnthropicStreamDecoder(RoundListener listener) {
    this.listener = listener;
  }

  @Override
  public void feed(byte[] bytes) {
    if (!done) {
      parser.feed(bytes);
    }
  }

  @Override
  public void end() {
    parser.end();
    if (!done) {
      fail(LlmFailure.malformed("the stream ended before message_stop"));
    }
  }

  private void onEvent(ServerSentEvent event) {
    if (done) {
      return;
    }
    JsonObject data;
    try {
      data = new JsonObject(event.data());
    } catch (RuntimeException e) {
      fail(LlmFailure.malformed("malformed " + event.type() + " event: " + HttpFailures.oneLine(event.data())));
      return;
    }
    String type = event.type().equals("message") ? data.getString("type", "") : event.type();
    try {
      handle(type, data);
    } catch (RuntimeException e) {
      fail(LlmFailure.malformed("malformed " + type + " event: " + HttpFailures.oneLine(event.data())));
    }
  }

  private void handle(String type, JsonObject data) {
    switch (type) {
      case "message_start" -> {
        JsonObject message = data.getJsonObject("message");
        JsonObject usage = message.getJsonObject("usage");
        if (usage != null) {
          inputTokens = usage.getInteger("input_tokens", -1);
        }
        listener.messageStart(message.getString("id"), message.getString("model"));
      }
      case "content_block_start" -> blockStart(data.getInteger("index"), data.getJsonObject("content_block"));
      case "content_block_delta" -> blockDelta(data.getInteger("index"), data.getJsonObject("delta"));
      case "content_block_stop" -> listener.blockStop(data.getInteger("index"));
      case "message_delta" -> {
        JsonObject usage = data.getJsonObject("usage", new JsonObject());
        String stop = data.getJsonObject("delta", new JsonObject()).getString("stop_reason");
        listener.messageDelta(stop, new Usage(usage.getInteger("input_tokens", inputTokens),
            usage.getInteger("output_tokens", -1)));
      }
      case "message_stop" -> {
        done = true;
        listener.messageStop();
      }
      case "error" -> {
        JsonObject error = data.getJsonObject("error", new JsonObject());
        fail(LlmFailure.fatal(error.getString("type", "api_error"),
            "error mid-stream: " + HttpFailures.oneLine(error.getString("message", ""))));
      }
      default -> { } // ping, and event types added after this client was written
    }
  }

  private void blockStart(int index, JsonObject block) {
    switch (block.getString("type", "")) {
      case "text" -> {
        listener.blockStart(index, BlockType.text, null, null);
        String text = block.getString("text", "");
        if (!text.isEmpty()) {
          listener.blockDelta(index, text);
        }
      }
      case "thinking" -> listener.blockStart(index, BlockType.thinking, null, null);
      case "redacted_thinking" -> listener.redactedThinking(index, block.getString("data"));
      case "tool_use" -> listener.blockStart(index, BlockType.tool_use, block.getString("id"), block.getString("name"));
      default -> { }
    }
  }

  private void blockDelta(int index, JsonObject delta) {
    switch (delta.getString("type", "")) {
      case "text_delta" -> listener.blockDelta(index, delta.getString("text"));
      case "thinking_delta" -> listener.blockDelta(index, delta.getString("thinking"));
      case "signature_delta" -> listener.thinkingSignature(index, delta.getString("signature"));
      case "input_json_delta" -> {
        String partial = delta.getString("partial_json", "");
        if (!partial.isEmpty()) {
          listener.blockDelta(index, partial);
        }
      }
      default -> { }
    }
  }

  private void fail(LlmFailure failure) {
    done = true;
    listener.failed(failure);
  }
}
