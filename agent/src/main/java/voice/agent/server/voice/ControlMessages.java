package voice.agent.server.voice;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The client's JSON text frames: {@code {"type":"interrupt"}}, {@code {"type":"text","text":..}}
 * (a typed turn) and {@code {"type":"session.update","output_sample_rate":N}}. Anything else
 * gets one {@code error} event saying what was wrong.
 */
final class ControlMessages {
  private static final Set<String> SESSION_FIELDS = Set.of("type", "output_sample_rate");

  private final VoiceSession session;

  ControlMessages(VoiceSession session) {
    this.session = session;
  }

  void onMessage(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > session.maxTextMessageBytes()) {
      session.error("message_too_large", "control message of " + bytes + " bytes ignored: at most "
          + session.maxTextMessageBytes() + " bytes");
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      session.error("bad_json", "control message is not a JSON object: " + abbreviate(text));
      return;
    }
    Object type = message.getValue("type");
    if (!(type instanceof String name)) {
      session.error("bad_message", "control message needs a string \"type\": interrupt, text or session.update");
      return;
    }
    switch (name) {
      case "interrupt" -> session.interrupt();
      case "text" -> {
        if (message.getValue("text") instanceof String words && !words.isBlank()) {
          session.ask(words);
        } else {
          session.error("bad_message", "a \"text\" message needs a non-empty \"text\" string");
        }
      }
      case "session.update" -> update(message);
      default -> session.error("bad_message", "unknown control message type '" + abbreviate(name)
          + "': use interrupt, text or session.update");
    }
  }

  private void update(JsonObject message) {
    for (String field : message.fieldNames()) {
      if (!SESSION_FIELDS.contains(field)) {
        session.error("bad_message", "unknown session setting '" + abbreviate(field) + "': the settings are output_sample_rate");
        return;
      }
    }
    Object rate = message.getValue("output_sample_rate");
    if (rate != null) {
      if (!(rate instanceof Number n) || n.intValue() != n.doubleValue() || n.intValue() < 8000 || n.intValue() > 48000) {
        session.error("bad_message", "output_sample_rate must be a whole number of Hz from 8000 to 48000");
        return;
      }
      session.outputRate(n.intValue());
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
