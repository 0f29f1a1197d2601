package voice.llm.bedrock;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;
import voice.llm.turn.LlmFailure;
import voice.llm.turn.RoundListener;

/**
 * Maps ConverseStream events onto the normalized stream. Bedrock opens only toolUse blocks with
 * contentBlockStart; a text or reasoning block begins with its first delta. The stop reason
 * comes in messageStop and the usage in the metadata event after it, so the message delta is
 * reported when the metadata (or the end of the stream) arrives.
 */
final class ConverseStreamDecoder implements ConverseStreamResponseHandler.Visitor {
  private final RoundListener listener;
  private final String model;
  private final Map<Integer, BlockType> open = new HashMap<>();
  private String messageId;
  private boolean started;
  private String stopReason;
  private boolean deltaSent;

  ConverseStreamDecoder(RoundListener listener, String model) {
    this.listener = listener;
    this.model = model;
  }

  /** The request id of the HTTP response, used as the message id. */
  void requestId(String id) {
    messageId = id;
  }

  @Override
  public void visitMessageStart(MessageStartEvent event) {
    started = true;
    listener.messageStart(messageId == null ? "bedrock-" + Long.toHexString(System.nanoTime()) : messageId, model);
  }

  @Override
  public void visitContentBlockStart(ContentBlockStartEvent event) {
    int index = event.contentBlockIndex();
    if (event.start() != null && event.start().toolUse() != null) {
      open.put(index, BlockType.tool_use);
      listener.blockStart(index, BlockType.tool_use, event.start().toolUse().toolUseId(), event.start().toolUse().name());
    }
  }

  @Override
  public void visitContentBlockDelta(ContentBlockDeltaEvent event) {
    int index = event.contentBlockIndex();
    ContentBlockDelta delta = event.delta();
    if (delta == null) {
      return;
    }
    if (delta.text() != null) {
      ensureOpen(index, BlockType.text);
      listener.blockDelta(index, delta.text());
    } else if (delta.toolUse() != null) {
      if (open.get(index) != BlockType.tool_use) {
        listener.failed(LlmFailure.malformed("toolUse input for content block " + index + " that was never started"));
        return;
      }
      listener.blockDelta(index, delta.toolUse().input() == null ? "" : delta.toolUse().input());
    } else if (delta.reasoningContent() != null) {
      ReasoningContentBlockDelta reasoning = delta.reasoningContent();
      if (reasoning.redactedContent() != null) {
        open.put(index, BlockType.thinking);
        listener.redactedThinking(index, Base64.getEncoder().encodeToString(reasoning.redactedContent().asByteArray()));
        return;
      }
      ensureOpen(index, BlockType.thinking);
      if (reasoning.text() != null) {
        listener.blockDelta(index, reasoning.text());
      }
      if (reasoning.signature() != null) {
        listener.thinkingSignature(index, reasoning.signature());
      }
    }
  }

  private void ensureOpen(int index, BlockType type) {
    if (open.putIfAbsent(index, type) == null) {
      listener.blockStart(index, type, null, null);
    }
  }

  @Override
  public void visitContentBlockStop(ContentBlockStopEvent event) {
    if (open.containsKey(event.contentBlockIndex())) {
      listener.blockStop(event.contentBlockIndex());
    }
  }

  @Override
  public void visitMessageStop(MessageStopEvent event) {
    stopReason = normalize(event.stopReasonAsString());
  }

  @Override
  public void visitMetadata(ConverseStreamMetadataEvent event) {
    TokenUsage usage = event.usage();
    if (stopReason != null && !deltaSent) {
      deltaSent = true;
      listener.messageDelta(stopReason, usage == null ? new Usage(-1, -1)
          : new Usage(orUnknown(usage.inputTokens()), orUnknown(usage.outputTokens())));
    }
  }

  /** The event stream ended without error. */
  void end() {
    if (!started || stopReason == null) {
      listener.failed(LlmFailure.malformed("the Bedrock stream ended without "
          + (started ? "a messageStop event" : "a messageStart event")));
      return;
    }
    if (!deltaSent) {
      deltaSent = true;
      listener.messageDelta(stopReason, new Usage(-1, -1));
    }
    listener.messageStop();
  }

  private static int orUnknown(Integer n) {
    return n == null ? -1 : n;
  }

  /** Bedrock's stop reasons onto end_turn, max_tokens, tool_use, stop_sequence. */
  static String normalize(String reason) {
    if (reason == null) {
      return "end_turn";
    }
    return switch (reason) {
      case "tool_use", "max_tokens", "stop_sequence", "end_turn" -> reason;
      case "model_context_window_exceeded" -> "max_tokens";
      default -> "end_turn"; // guardrail_intervened, content_filtered
    };
  }
}
