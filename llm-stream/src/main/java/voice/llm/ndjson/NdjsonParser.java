package voice.llm.ndjson;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Newline-delimited JSON (Ollama's streaming format), fed arbitrary byte chunks. Pure: bytes
 * in, objects out. Lines end with LF (a CR before it is dropped); blank lines are skipped; a
 * last line without a newline is still a value when the stream ends.
 */
public final class NdjsonParser {
  /** Receives each object, or the one-line reason a line was not a JSON object. */
  public interface Listener {
    void onObject(JsonObject object);

    void onMalformed(String line, String reason);
  }

  private final Listener listener;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public NdjsonParser(Listener listener) {
    this.listener = listener;
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  public void feed(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == '\n') {
        emit();
      } else {
        line.write(bytes[i]);
      }
    }
  }

  /** The stream ended: a last line without newline counts. */
  public void end() {
    emit();
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isBlank()) {
      return;
    }
    JsonObject object;
    try {
      object = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      listener.onMalformed(text, "not a JSON object");
      return;
    }
    listener.onObject(object);
  }
}
