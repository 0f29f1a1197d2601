package voice.llm.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.Pair;
import java.util.ArrayList;
import java.util.List;
import voice.core.message.ChatMessage;
import voice.llm.turn.Exchange;

/**
 * Renders a conversation with the model's own chat template (llama.cpp applies the GGUF's
 * {@code tokenizer.chat_template}, or ChatML when it has none). When the template cannot render
 * it, ChatML written here is used.
 */
final class ChatPrompt {
  private ChatPrompt() {}

  static String render(LlamaModel model, Exchange exchange) {
    List<Pair<String, String>> messages = new ArrayList<>();
    for (ChatMessage message : exchange.history()) {
      messages.add(new Pair<>("assistant".equals(message.role()) ? "assistant" : "user", message.content()));
    }
    try {
      String prompt = model.applyTemplate(new InferenceParameters("").setMessages(exchange.system(), messages));
      if (prompt != null && !prompt.isBlank()) {
        return prompt;
      }
    } catch (RuntimeException e) {
      // e.g. a template that insists on alternating roles: fall through to ChatML
    }
    return chatMl(exchange.system(), messages);
  }

  static String chatMl(String system, List<Pair<String, String>> messages) {
    StringBuilder prompt = new StringBuilder();
    if (system != null && !system.isEmpty()) {
      prompt.append("<|im_start|>system\n").append(system).append("<|im_end|>\n");
    }
    for (Pair<String, String> message : messages) {
      prompt.append("<|im_start|>").append(message.getKey()).append('\n').append(message.getValue()).append("<|im_end|>\n");
    }
    return prompt.append("<|im_start|>assistant\n").toString();
  }
}
