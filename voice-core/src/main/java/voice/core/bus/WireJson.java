package voice.core.bus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** The Jackson mapper of the wire format: records as JSON, audio {@link Buffer}s as base64. */
public final class WireJson {
  public static final ObjectMapper MAPPER = create();

  private WireJson() {}

  private static ObjectMapper create() {
    SimpleModule buffers = new SimpleModule("vertx-buffer");
    buffers.addSerializer(Buffer.class, new JsonSerializer<>() {
      @Override
      public void serialize(Buffer value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeBinary(value.getBytes());
      }
    });
    buffers.addDeserializer(Buffer.class, new JsonDeserializer<>() {
      @Override
      public Buffer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return Buffer.buffer(p.getBinaryValue());
      }
    });
    return new ObjectMapper()
        .registerModule(buffers)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }
}
