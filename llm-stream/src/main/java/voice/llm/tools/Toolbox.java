package voice.llm.tools;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools of one client, by name. A call never fails: an unknown tool, bad arguments, or a
 * tool that throws or fails gives an error result for the model, and the turn goes on.
 */
public final class Toolbox {
  private final Map<String, Tool> tools = new LinkedHashMap<>();

  /** Built-in specs (url null) resolve to their implementation; others are HTTP tools. */
  public static Toolbox of(List<ToolSpec> specs, HttpClient http) {
    Toolbox box = new Toolbox();
    for (ToolSpec spec : specs) {
      Tool tool;
      if (spec.url() != null && !spec.url().isBlank()) {
        tool = new HttpTool(spec, http);
      } else {
        tool = BuiltinTools.forName(spec.name());
        if (tool == null) {
          throw new IllegalArgumentException("tool '" + spec.name()
              + "' has no url and is not a built-in tool (get_current_time, calculator)");
        }
      }
      box.add(tool);
    }
    return box;
  }

  public static Toolbox empty() {
    return new Toolbox();
  }

  /** Adds or replaces a tool (e.g. one written in Java by an embedding application). */
  public Toolbox add(Tool tool) {
    tools.put(tool.spec().name(), tool);
    return this;
  }

  public List<ToolSpec> specs() {
    return tools.values().stream().map(Tool::spec).toList();
  }

  public Future<ToolOutcome> call(String name, String argumentsJson) {
    Tool tool = tools.get(name);
    if (tool == null) {
      return Future.succeededFuture(ToolOutcome.error("unknown tool '" + name + "'; available: " + tools.keySet()));
    }
    JsonObject arguments;
    try {
      arguments = argumentsJson == null || argumentsJson.isBlank() ? new JsonObject() : new JsonObject(argumentsJson);
    } catch (DecodeException | ClassCastException e) {
      return Future.succeededFuture(ToolOutcome.error("the arguments were not a JSON object"));
    }
    try {
      return tool.invoke(arguments).recover(failure ->
          Future.succeededFuture(ToolOutcome.error("tool '" + name + "' failed: " + failure.getMessage())));
    } catch (RuntimeException e) {
      return Future.succeededFuture(ToolOutcome.error("tool '" + name + "' failed: " + e.getMessage()));
    }
  }
}
