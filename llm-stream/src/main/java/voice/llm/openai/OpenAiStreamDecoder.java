package voice.llm.openai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;
import voice.llm.http.HttpFailures;
import voice.llm.http.WireProtocol;
import voice.llm.sse.ServerSentEvent;
import voice.llm.sse.ServerSentEventParser;
import voice.llm.turn.LlmFailure;
import voice.llm.turn.RoundListener;

/**
 * Maps Chat Completions chunks onto content blocks: {@code reasoning_content} (or
 * {@code reasoning}) opens a thinking block, {@code content} a text block, each
 * {@code tool_calls[].index} a tool_use block whose {@code arguments} fragments are deltas.
 * The stop reason and the usage chunk are reported together when {@code [DONE]} arrives.
 */
final class OpenAiStreamDecoder implements WireProtocol.StreamDecoder {
  private final RoundListener listener;
  private final ServerSentEventParser parser = new ServerSentEventParser(this::onEvent);
  private final Map<Integer, Integer> toolBlocks = new HashMap<>();
  private int nextBlock;
  private int openBlock = -1;
  private BlockType openType;
  private boolean started;
  private boolean done;
  private boolean sawTools;
  private String finishReason;
  private Usage usage = new Usage(-1, -1);

  OpenAiStreamDecoder(RoundListener listener) {
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
    if (done) {
      return;
    }
    if (finishReason != null) {
      finishMessage();
    } else {
      fail(LlmFailure.malformed("the stream ended before [DONE]"));
    }
  }

  private void onEvent(ServerSentEvent event) {
    if (done) {
      return;
    }
    String data = event.data().strip();
    if (data.equals("[DONE]")) {
      finishMessage();
      return;
    }
    JsonObject chunk;
    try {
      chunk = new JsonObject(data);
    } catch (RuntimeException e) {
      fail(LlmFailure.malformed("malformed chunk: " + HttpFailures.oneLine(data)));
      return;
    }
    if (chunk.getValue("error") instanceof JsonObject error) {
      fail(LlmFailure.fatal(error.getString("type", "api_error"), "error mid-stream: " + error.getString("message", "")));
      return;
    }
    if (!started) {
      started = true;
      listener.messageStart(chunk.getString("id"), chunk.getString("model"));
    }
    if (chunk.getValue("usage") instanceof JsonObject u) {
      usage = new Usage(u.getInteger("prompt_tokens", -1), u.getInteger("completion_tokens", -1));
    }
    JsonArray choices = chunk.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      return;
    }
    JsonObject choice = choices.getJsonObject(0);
    JsonObject delta = choice.getJsonObject("delta");
    if (delta != null) {
      onDelta(delta);
    }
    String finish = choice.getString("finish_reason");
    if (finish != null) {
      finishReason = finish;
      closeOpenBlock();
      closeToolBlocks();
    }
  }

  private void onDelta(JsonObject delta) {
    String reasoning = delta.getString("reasoning_content", delta.getString("reasoning"));
    if (reasoning != null && !reasoning.isEmpty()) {
      textLike(BlockType.thinking, reasoning);
    }
    String content = delta.getString("content");
    if (content != null && !content.isEmpty()) {
      textLike(BlockType.text, content);
    }
    JsonArray calls = delta.getJsonArray("tool_calls");
    if (calls != null) {
      for (int i = 0; i < calls.size(); i++) {
        onToolCall(calls.getJsonObject(i), i);
      }
    }
  }

  private void textLike(BlockType type, String text) {
    if (openType != type) {
      closeOpenBlock();
      openBlock = nextBlock++;
      openType = type;
      listener.blockStart(openBlock, type, null, null);
    }
    listener.blockDelta(openBlock, text);
  }

  private void onToolCall(JsonObject call, int position) {
    int toolIndex = call.getInteger("index", position);
    JsonObject function = call.getJsonObject("function", new JsonObject());
    Integer block = toolBlocks.get(toolIndex);
    if (block == null) {
      closeOpenBlock();
      block = nextBlock++;
      toolBlocks.put(toolIndex, block);
      sawTools = true;
      listener.blockStart(block, BlockType.tool_use, call.getString("id"), function.getString("name"));
    }
    String arguments = function.getString("arguments");
    if (arguments != null && !arguments.isEmpty()) {
      listener.blockDelta(block, arguments);
    }
  }

  private void closeOpenBlock() {
    if (openBlock >= 0) {
      listener.blockStop(openBlock);
      openBlock = -1;
      openType = null;
    }
  }

  private void closeToolBlocks() {
    toolBlocks.values().stream().sorted().forEach(listener::blockStop);
    toolBlocks.clear();
  }

  private void finishMessage() {
    done = true;
    if (!started) {
      listener.failed(LlmFailure.malformed("the stream ended without any chunk"));
      return;
    }
    closeOpenBlock();
    closeToolBlocks();
    listener.messageDelta(stopReason(finishReason, sawTools), usage);
    listener.messageStop();
  }

  static String stopReason(String finish, boolean hadTools) {
    if (hadTools || finish == null) {
      return hadTools ? "tool_use" : "end_turn";
    }
    return switch (finish) {
      case "stop" -> "end_turn";
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      default -> finish;
    };
  }

  private void fail(LlmFailure failure) {
    done = true;
    listener.failed(failure);
  }
}
