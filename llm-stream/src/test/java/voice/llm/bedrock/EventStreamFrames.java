package voice.llm.bedrock;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Encodes {@code application/vnd.amazon.eventstream} messages as Bedrock sends them: a prelude
 * (total length, headers length, CRC32 of those 8 bytes), string headers, the JSON payload, and a
 * CRC32 of everything before it. All integers big-endian.
 */
final class EventStreamFrames {
  private static final byte STRING = 7;

  private EventStreamFrames() {}

  static Buffer event(String eventType, String json) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":event-type", eventType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "event");
    return message(headers, json);
  }

  static Buffer exception(String exceptionType, String message) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":exception-type", exceptionType);
    headers.put(":content-type", "application/json");
    headers.put(":message-type", "exception");
    return message(headers, "{\"message\":\"" + message + "\"}");
  }

  static Buffer message(Map<String, String> headers, String json) {
    Buffer head = Buffer.buffer();
    headers.forEach((name, value) -> {
      byte[] n = name.getBytes(StandardCharsets.UTF_8);
      byte[] v = value.getBytes(StandardCharsets.UTF_8);
      head.appendByte((byte) n.length).appendBytes(n).appendByte(STRING).appendShort((short) v.length).appendBytes(v);
    });
    byte[] payload = json.getBytes(StandardCharsets.UTF_8);
    int total = 12 + head.length() + payload.length + 4;
    Buffer frame = Buffer.buffer().appendInt(total).appendInt(head.length());
    frame.appendUnsignedInt(crc(frame.getBytes()));
    frame.appendBuffer(head).appendBytes(payload);
    return frame.appendUnsignedInt(crc(frame.getBytes()));
  }

  private static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }

  // ConverseStream events in their wire shape (Bedrock pads events with a "p" field, kept here).

  static Buffer messageStart() {
    return event("messageStart", "{\"p\":\"abcd\",\"role\":\"assistant\"}");
  }

  static Buffer textDelta(int index, String text) {
    return event("contentBlockDelta", "{\"contentBlockIndex\":" + index + ",\"delta\":{\"text\":\"" + text + "\"},\"p\":\"ab\"}");
  }

  static Buffer reasoningDelta(int index, String text) {
    return event("contentBlockDelta", "{\"contentBlockIndex\":" + index + ",\"delta\":{\"reasoningContent\":{\"text\":\"" + text + "\"}}}");
  }

  static Buffer reasoningSignature(int index, String signature) {
    return event("contentBlockDelta", "{\"contentBlockIndex\":" + index + ",\"delta\":{\"reasoningContent\":{\"signature\":\"" + signature + "\"}}}");
  }

  static Buffer toolStart(int index, String id, String name) {
    return event("contentBlockStart", "{\"contentBlockIndex\":" + index + ",\"start\":{\"toolUse\":{\"toolUseId\":\""
        + id + "\",\"name\":\"" + name + "\"}}}");
  }

  static Buffer toolInput(int index, String fragment) {
    String escaped = fragment.replace("\\", "\\\\").replace("\"", "\\\"");
    return event("contentBlockDelta", "{\"contentBlockIndex\":" + index + ",\"delta\":{\"toolUse\":{\"input\":\"" + escaped + "\"}}}");
  }

  static Buffer blockStop(int index) {
    return event("contentBlockStop", "{\"contentBlockIndex\":" + index + "}");
  }

  static Buffer messageStop(String reason) {
    return event("messageStop", "{\"stopReason\":\"" + reason + "\"}");
  }

  static Buffer metadata(int in, int out) {
    return event("metadata", "{\"usage\":{\"inputTokens\":" + in + ",\"outputTokens\":" + out + ",\"totalTokens\":"
        + (in + out) + "},\"metrics\":{\"latencyMs\":321}}");
  }
}
