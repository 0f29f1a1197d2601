package voice.llm.ollama;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;
import voice.llm.http.HttpFailures;
import voice.llm.http.WireProtocol;
import voice.llm.ndjson.NdjsonParser;
import voice.llm.turn.LlmFailure;
import voice.llm.turn.RoundListener;

/**
 * Maps Ollama's NDJSON lines onto content blocks: {@code message.thinking} and
 * {@code message.content} open thinking and text blocks, each entry of
 * {@code message.tool_calls} is a whole tool_use block. The {@code done: true} line carries the
 * stop reason and the token counts.
 */
final class OllamaStreamDecoder implements WireProtocol.StreamDecoder, NdjsonParser.Listener {
  private final RoundListener listener;
  private final NdjsonParser parser = new NdjsonParser(this);
  private int nextBlock;
  private int openBlock = -1;
  private BlockType openType;
  private boolean started;
  private boolean sawTools;
  private boolean done;

  OllamaStreamDecoder(RoundListener listener) {
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
    if (!done) {
      parser.end();
    }
    if (!done) {
      fail(LlmFailure.malformed("the stream ended before the done line"));
    }
  }

  @Override
  public void onMalformed(String line, String reason) {
    if (!done) {
      fail(LlmFailure.malformed("malformed line (" + reason + "): " + HttpFailures.oneLine(line)));
    }
  }

  @Override
  public void onObject(JsonObject line) {
    if (done) {
      return;
    }
    if (line.getValue("error") != null) {
      fail(LlmFailure.fatal("api_error", "error mid-stream: " + HttpFailures.oneLine(String.valueOf(line.getValue("error")))));
      return;
    }
    if (!started) {
      started = true;
      listener.messageStart(line.getString("created_at"), line.getString("model"));
    }
    JsonObject message = line.getJsonObject("message");
    if (message != null) {
      textLike(BlockType.thinking, message.getString("thinking"));
      textLike(BlockType.text, message.getString("content"));
      JsonArray calls = message.getJsonArray("tool_calls");
      if (calls != null) {
        for (int i = 0; i < calls.size(); i++) {
          toolCall(calls.getJsonObject(i));
        }
      }
    }
    if (line.getBoolean("done", false)) {
      done = true;
      closeOpenBlock();
      listener.messageDelta(stopReason(line.getString("done_reason"), sawTools),
          new Usage(line.getInteger("prompt_eval_count", -1), line.getInteger("eval_count", -1)));
      listener.messageStop();
    }
  }

  private void textLike(BlockType type, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (openType != type) {
      closeOpenBlock();
      openBlock = nextBlock++;
      openType = type;
      listener.blockStart(openBlock, type, null, null);
    }
    listener.blockDelta(openBlock, text);
  }

  private void toolCall(JsonObject call) {
    closeOpenBlock();
    JsonObject function = call.getJsonObject("function", new JsonObject());
    Object arguments = function.getValue("arguments");
    String json = arguments instanceof JsonObject object ? object.encode()
        : arguments instanceof String text ? text : "{}";
    int block = nextBlock++;
    sawTools = true;
    listener.blockStart(block, BlockType.tool_use, call.getString("id"), function.getString("name"));
    listener.blockDelta(block, json);
    listener.blockStop(block);
  }

  private void closeOpenBlock() {
    if (openBlock >= 0) {
      listener.blockStop(openBlock);
      openBlock = -1;
      openType = null;
    }
  }

  static String stopReason(String doneReason, boolean sawTools) {
    if (sawTools) {
      return "tool_use";
    }
    return "length".equals(doneReason) ? "max_tokens" : "end_turn";
  }

  private void fail(LlmFailure failure) {
    done = true;
    listener.failed(failure);
  }
}
