package voice.llm.tools;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A callable tool. {@link #invoke} is called on an event loop: a tool that blocks must move its
 * work off it (e.g. {@code vertx.executeBlocking}). A failed future becomes an error result.
 */
public interface Tool {
  ToolSpec spec();

  Future<ToolOutcome> invoke(JsonObject arguments);
}
