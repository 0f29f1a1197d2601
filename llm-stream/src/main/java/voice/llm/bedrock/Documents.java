package voice.llm.bedrock;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** JSON values as the SDK's {@link Document}s (tool schemas, tool inputs, extra model fields). */
final class Documents {
  private Documents() {}

  static Document of(Object value) {
    if (value == null) {
      return Document.fromNull();
    }
    if (value instanceof JsonObject json) {
      return of(json.getMap());
    }
    if (value instanceof JsonArray array) {
      return of(array.getList());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Document> members = new LinkedHashMap<>();
      map.forEach((k, v) -> members.put(String.valueOf(k), of(v)));
      return Document.fromMap(members);
    }
    if (value instanceof List<?> list) {
      List<Document> items = new ArrayList<>();
      list.forEach(v -> items.add(of(v)));
      return Document.fromList(items);
    }
    if (value instanceof String s) {
      return Document.fromString(s);
    }
    if (value instanceof Boolean b) {
      return Document.fromBoolean(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return Document.fromNumber(SdkNumber.fromLong(((Number) value).longValue()));
    }
    if (value instanceof Number n) {
      return Document.fromNumber(SdkNumber.fromDouble(n.doubleValue()));
    }
    return Document.fromString(String.valueOf(value));
  }
}
