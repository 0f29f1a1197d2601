package voice.llm.tools;

import java.util.Map;

/**
 * A tool offered to the model: its name, what it is for, and the JSON schema of its arguments.
 * {@code url} is null for a built-in tool ({@code get_current_time}, {@code calculator}); for a
 * user tool it is the HTTP endpoint that receives the arguments as a JSON POST body and whose
 * response body is the result.
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters, String url) {
  public ToolSpec {
    parameters = parameters == null ? Map.of("type", "object", "properties", Map.of()) : Map.copyOf(parameters);
  }

  /** A user tool served over HTTP. */
  public static ToolSpec http(String name, String description, Map<String, Object> parameters, String url) {
    return new ToolSpec(name, description, parameters, url);
  }
}
