package voice.agent.server.openai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import voice.core.message.ChatMessage;

/**
 * The parts of an OpenAI Chat Completions request the proxy uses. Content may be a string or
 * an array of text parts; {@code developer} counts as {@code system}; tool messages and
 * assistant tool calls are left out (tools run inside the agent, not in the client).
 */
record ChatRequest(List<ChatMessage> messages, boolean stream, boolean includeUsage, String model) {
  /** @throws IllegalArgumentException with a message for the client when the request is malformed */
  static ChatRequest parse(JsonObject body) {
    if (!(body.getValue("messages") instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("'messages' must be a non-empty array");
    }
    List<ChatMessage> messages = new ArrayList<>();
    boolean hasUser = false;
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject message)) {
        throw new IllegalArgumentException("messages[" + i + "] must be an object");
      }
      String role = message.getValue("role") instanceof String r ? r : null;
      if (role == null) {
        throw new IllegalArgumentException("messages[" + i + "].role must be a string");
      }
      String content = content(message.getValue("content"), i);
      switch (role) {
        case "system", "developer" -> addIfText(messages, ChatMessage.system(content));
        case "user" -> {
          addIfText(messages, ChatMessage.user(content));
          hasUser |= content != null && !content.isBlank();
        }
        case "assistant" -> addIfText(messages, ChatMessage.assistant(content));
        case "tool", "function" -> { }
        default -> throw new IllegalArgumentException("messages[" + i + "].role '" + role
            + "' is not one of system, developer, user, assistant, tool");
      }
    }
    if (!hasUser) {
      throw new IllegalArgumentException("'messages' must hold a user message with text");
    }
    Object stream = body.getValue("stream");
    if (stream != null && !(stream instanceof Boolean)) {
      throw new IllegalArgumentException("'stream' must be true or false");
    }
    boolean includeUsage = body.getValue("stream_options") instanceof JsonObject options
        && Boolean.TRUE.equals(options.getValue("include_usage"));
    String model = body.getValue("model") instanceof String m ? m : null;
    return new ChatRequest(messages, Boolean.TRUE.equals(stream), includeUsage, model);
  }

  private static String content(Object value, int index) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof JsonArray parts) {
      StringBuilder text = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof JsonObject p && "text".equals(p.getValue("type")) && p.getValue("text") instanceof String t) {
          text.append(t);
        } else {
          throw new IllegalArgumentException("messages[" + index + "].content: only text parts are supported");
        }
      }
      return text.toString();
    }
    throw new IllegalArgumentException("messages[" + index + "].content must be a string or an array of text parts");
  }

  private static void addIfText(List<ChatMessage> messages, ChatMessage message) {
    if (message.content() != null && !message.content().isEmpty()) {
      messages.add(message);
    }
  }
}
