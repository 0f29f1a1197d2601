package voice.core.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Codec for an immutable message record. Inside one JVM the record itself is delivered (no copy:
 * records are immutable and audio buffers are never written after sending); across a clustered
 * bus it travels as length-prefixed JSON.
 */
public final class JsonRecordCodec<T> implements MessageCodec<T, T> {
  private final Class<T> type;
  private final String name;

  public JsonRecordCodec(Class<T> type, String name) {
    this.type = type;
    this.name = name;
  }

  @Override
  public void encodeToWire(Buffer buffer, T value) {
    try {
      byte[] json = WireJson.MAPPER.writeValueAsBytes(value);
      buffer.appendInt(json.length).appendBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    byte[] json = buffer.getBytes(pos + 4, pos + 4 + length);
    try {
      return WireJson.MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public T transform(T value) {
    return value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
