package voice.llm.tools;

/** What a tool returns to the model; an error is a result too, the turn goes on. */
public record ToolOutcome(String content, boolean isError) {
  public static ToolOutcome ok(String content) {
    return new ToolOutcome(content, false);
  }

  public static ToolOutcome error(String message) {
    return new ToolOutcome(message, true);
  }
}
