package voice.llm.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.BiConsumer;
import voice.core.message.ChatMessage;
import voice.llm.LlmConfig;
import voice.llm.turn.Exchange;
import voice.llm.turn.ToolRound;

/**
 * The parts the OpenAI and Ollama chat APIs share: a bearer key when one is set, and a
 * {@code messages} array of role/content objects (system first, then the history, then each
 * tool round in the provider's own shape).
 */
public final class RoleMessages {
  private RoleMessages() {}

  public static MultiMap headers(LlmConfig config, String accept) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("accept", accept);
    if (config.apiKey() != null && !config.apiKey().isBlank()) {
      headers.add("authorization", "Bearer " + config.apiKey());
    }
    return headers;
  }

  public static JsonArray of(Exchange exchange, BiConsumer<JsonArray, ToolRound> addRound) {
    JsonArray messages = new JsonArray();
    if (exchange.system() != null) {
      messages.add(new JsonObject().put("role", "system").put("content", exchange.system()));
    }
    for (ChatMessage message : exchange.history()) {
      messages.add(new JsonObject().put("role", message.role()).put("content", message.content()));
    }
    for (ToolRound round : exchange.rounds()) {
      addRound.accept(messages, round);
    }
    return messages;
  }
}
