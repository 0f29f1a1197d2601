package voice.llm.turn;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import voice.core.llm.LlmEvent;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;

/**
 * One request of a turn, seen from the {@link TurnLoop}: turns listener calls into events on the
 * loop's context, assembles the blocks to send back in a tool round, parses tool arguments when
 * their block closes, and watches the first-token and stall timeouts. Once the round has ended
 * (stopped, failed, closed) any late call from the transport is ignored.
 */
final class RoundState implements RoundListener {
  private final TurnLoop loop;
  private final Map<Integer, BlockBuilder> blocks = new LinkedHashMap<>();
  private final List<String> invalidArguments = new ArrayList<>();
  private RoundTransport.RoundHandle handle;
  private boolean active = true;
  private boolean producedTokens;
  private long lastTokenNanos;
  private long watchdog = -1;
  private String url = "";

  RoundState(TurnLoop loop) {
    this.loop = loop;
  }

  void begin(RoundTransport transport, Exchange exchange) {
    handle = transport.start(exchange, this);
  }

  boolean producedTokens() {
    return producedTokens;
  }

  void close() {
    active = false;
    stopWatching();
    if (handle != null) {
      handle.close();
    }
  }

  void stopWatching() {
    loop.vertx().cancelTimer(watchdog);
  }

  private void on(Runnable action) {
    loop.context().runOnContext(v -> {
      if (active && !loop.isOver()) {
        action.run();
      }
    });
  }

  @Override
  public void requestSent(String url) {
    on(() -> {
      this.url = url;
      // The query is dropped: some gateways take the key there.
      int query = url.indexOf('?');
      loop.emit(new LlmEvent.RequestSent(loop.turn(), loop.config().provider(), loop.config().model(),
          query < 0 ? url : url.substring(0, query)));
      watchdog = loop.vertx().setTimer(Math.max(1, loop.config().firstTokenTimeout().toMillis()), id -> checkTimeout());
    });
  }

  private void checkTimeout() {
    if (!active || loop.isOver()) {
      return;
    }
    if (!producedTokens) {
      timeout("no first token within " + seconds(loop.config().firstTokenTimeout().toMillis()) + " from " + url);
      return;
    }
    long stall = loop.config().stallTimeout().toMillis();
    long quietMillis = (System.nanoTime() - lastTokenNanos) / 1_000_000;
    if (quietMillis >= stall) {
      timeout("stream stalled: no token for " + seconds(stall) + " from " + url);
    } else {
      watchdog = loop.vertx().setTimer(Math.max(1, stall - quietMillis), id -> checkTimeout());
    }
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  private void timeout(String message) {
    close();
    loop.finish(new LlmEvent.LlmError(loop.turn(), "timeout", message));
  }

  @Override
  public void messageStart(String id, String model) {
    on(() -> loop.emit(new LlmEvent.MessageStart(loop.turn(), id, model)));
  }

  @Override
  public void blockStart(int index, BlockType type, String toolId, String toolName) {
    on(() -> {
      String id = type == BlockType.tool_use && (toolId == null || toolId.isBlank()) ? loop.nextToolId() : toolId;
      blocks.put(index, new BlockBuilder(type, id, toolName));
      loop.emit(new LlmEvent.BlockStart(loop.turn(), index, type, id, toolName));
    });
  }

  @Override
  public void blockDelta(int index, String text) {
    on(() -> {
      BlockBuilder block = blocks.get(index);
      if (block == null) {
        fail(LlmFailure.malformed("delta for content block " + index + " that was never started"));
        return;
      }
      block.text.append(text);
      if (!producedTokens) {
        producedTokens = true;
        stopWatching();
        watchdog = loop.vertx().setTimer(Math.max(1, loop.config().stallTimeout().toMillis()), id -> checkTimeout());
      }
      lastTokenNanos = System.nanoTime();
      loop.emit(new LlmEvent.BlockDelta(loop.turn(), index, block.type, text));
    });
  }

  @Override
  public void thinkingSignature(int index, String signature) {
    on(() -> {
      BlockBuilder block = blocks.get(index);
      if (block != null) {
        block.signature = block.signature == null ? signature : block.signature + signature;
      }
    });
  }

  @Override
  public void redactedThinking(int index, String data) {
    on(() -> blocks.put(index, BlockBuilder.redacted(data)));
  }

  @Override
  public void blockStop(int index) {
    on(() -> {
      BlockBuilder block = blocks.get(index);
      if (block == null || block.type == null) {
        return;
      }
      loop.emit(new LlmEvent.BlockStop(loop.turn(), index));
      if (block.type == BlockType.tool_use) {
        block.arguments = normalizeArguments(block);
        loop.emit(new LlmEvent.ToolCall(loop.turn(), block.toolId, block.toolName, block.arguments));
      }
    });
  }

  private String normalizeArguments(BlockBuilder block) {
    String raw = block.text.toString().trim();
    if (raw.isEmpty()) {
      return "{}";
    }
    try {
      return new JsonObject(raw).encode();
    } catch (DecodeException | ClassCastException e) {
      invalidArguments.add(block.toolId);
      return "{}";
    }
  }

  @Override
  public void messageDelta(String stopReason, Usage usage) {
    on(() -> loop.emit(new LlmEvent.MessageDelta(loop.turn(), stopReason, usage)));
  }

  @Override
  public void messageStop() {
    on(() -> {
      active = false;
      stopWatching();
      List<AssistantBlock> assistant = new ArrayList<>();
      for (BlockBuilder block : blocks.values()) {
        if (block.type == BlockType.tool_use && block.arguments == null) {
          block.arguments = normalizeArguments(block);
          loop.emit(new LlmEvent.ToolCall(loop.turn(), block.toolId, block.toolName, block.arguments));
        }
        AssistantBlock built = block.build();
        if (built != null) {
          assistant.add(built);
        }
      }
      loop.roundCompleted(assistant, invalidArguments);
    });
  }

  @Override
  public void failed(LlmFailure failure) {
    on(() -> fail(failure));
  }

  private void fail(LlmFailure failure) {
    boolean wasTokens = producedTokens;
    close();
    producedTokens = wasTokens;
    loop.roundFailed(this, failure);
  }

  /** A content block as it streams in. */
  private static final class BlockBuilder {
    final BlockType type;
    final String toolId;
    final String toolName;
    final StringBuilder text = new StringBuilder();
    String signature;
    String redactedData;
    String arguments;

    BlockBuilder(BlockType type, String toolId, String toolName) {
      this.type = type;
      this.toolId = toolId;
      this.toolName = toolName;
    }

    static BlockBuilder redacted(String data) {
      BlockBuilder block = new BlockBuilder(null, null, null);
      block.redactedData = data;
      return block;
    }

    AssistantBlock build() {
      if (type == null) {
        return new AssistantBlock.RedactedThinking(redactedData);
      }
      return switch (type) {
        case text -> text.length() == 0 ? null : new AssistantBlock.Text(text.toString());
        case thinking -> new AssistantBlock.Thinking(text.toString(), signature);
        case tool_use -> new AssistantBlock.ToolUse(toolId, toolName, arguments);
      };
    }
  }
}
