package voice.llm.bedrock;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import voice.core.llm.LlmEvent.ToolResult;
import voice.core.message.ChatMessage;
import voice.llm.LlmConfig;
import voice.llm.tools.ToolSpec;
import voice.llm.turn.AssistantBlock;
import voice.llm.turn.Exchange;
import voice.llm.turn.ToolRound;

/**
 * Writes a ConverseStream request. In a tool round the assistant's blocks go back as they came
 * (reasoning with its signature first, then text, then toolUse blocks) and the results follow
 * in one user message as toolResult blocks naming their toolUseId.
 */
final class BedrockRequests {
  private BedrockRequests() {}

  static ConverseStreamRequest of(Exchange exchange) {
    LlmConfig config = exchange.config();
    List<Message> messages = new ArrayList<>();
    for (ChatMessage message : exchange.history()) {
      messages.add(Message.builder().role("assistant".equals(message.role()) ? ConversationRole.ASSISTANT : ConversationRole.USER)
          .content(ContentBlock.fromText(message.content())).build());
    }
    for (ToolRound round : exchange.rounds()) {
      messages.add(Message.builder().role(ConversationRole.ASSISTANT).content(assistantContent(round)).build());
      List<ContentBlock> results = new ArrayList<>();
      for (ToolResult result : round.results()) {
        results.add(ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId(result.id())
            .content(ToolResultContentBlock.fromText(result.content()))
            .status(result.isError() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS).build()));
      }
      messages.add(Message.builder().role(ConversationRole.USER).content(results).build());
    }
    ConverseStreamRequest.Builder request = ConverseStreamRequest.builder().modelId(config.model()).messages(messages);
    if (exchange.system() != null) {
      request.system(SystemContentBlock.fromText(exchange.system()));
    }
    int maxTokens = config.maxTokens();
    Double temperature = config.temperature();
    if (config.thinkingBudget() != null) {
      // Anthropic models on Bedrock: the budget must stay below maxTokens, temperature at its default.
      maxTokens = config.thinkingBudget() >= maxTokens ? config.thinkingBudget() + maxTokens : maxTokens;
      temperature = null;
      request.additionalModelRequestFields(Documents.of(Map.of("reasoning_config",
          Map.of("type", "enabled", "budget_tokens", config.thinkingBudget()))));
    }
    int max = maxTokens;
    Float temp = temperature == null ? null : temperature.floatValue();
    request.inferenceConfig(c -> c.maxTokens(max).temperature(temp));
    if (!exchange.tools().isEmpty()) {
      List<Tool> tools = new ArrayList<>();
      for (ToolSpec tool : exchange.tools()) {
        tools.add(Tool.fromToolSpec(ToolSpecification.builder().name(tool.name()).description(tool.description())
            .inputSchema(ToolInputSchema.fromJson(Documents.of(tool.parameters()))).build()));
      }
      request.toolConfig(c -> c.tools(tools));
    }
    return request.build();
  }

  private static List<ContentBlock> assistantContent(ToolRound round) {
    List<ContentBlock> content = new ArrayList<>();
    for (AssistantBlock block : round.assistant()) {
      if (block instanceof AssistantBlock.Thinking thinking) {
        content.add(ContentBlock.fromReasoningContent(ReasoningContentBlock.fromReasoningText(
            ReasoningTextBlock.builder().text(thinking.text()).signature(thinking.signature()).build())));
      } else if (block instanceof AssistantBlock.RedactedThinking redacted) {
        content.add(ContentBlock.fromReasoningContent(ReasoningContentBlock.fromRedactedContent(
            SdkBytes.fromByteArray(Base64.getDecoder().decode(redacted.data())))));
      } else if (block instanceof AssistantBlock.Text text) {
        content.add(ContentBlock.fromText(text.text()));
      } else if (block instanceof AssistantBlock.ToolUse use) {
        content.add(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(use.id()).name(use.name())
            .input(Documents.of(new JsonObject(use.argumentsJson()))).build()));
      }
    }
    return content;
  }
}
