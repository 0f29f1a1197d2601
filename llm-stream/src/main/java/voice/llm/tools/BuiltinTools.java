package voice.llm.tools;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The tools that come with the agent: {@code get_current_time} and {@code calculator}. */
public final class BuiltinTools {
  public static final ToolSpec CURRENT_TIME = new ToolSpec("get_current_time",
      "Get the current local date, time and time zone.",
      Map.of("type", "object", "properties", Map.of()), null);

  public static final ToolSpec CALCULATOR = new ToolSpec("calculator",
      "Evaluate an arithmetic expression with + - * / ^ % and parentheses, e.g. (2+3)*4.5^2.",
      Map.of("type", "object",
          "properties", Map.of("expression", Map.of("type", "string", "description", "the expression to evaluate")),
          "required", List.of("expression")),
      null);

  /** Both built-in tools, as a config's tool list would name them. */
  public static final List<ToolSpec> ALL = List.of(CURRENT_TIME, CALCULATOR);

  private BuiltinTools() {}

  /** The implementation of a built-in tool's name, or null. */
  static Tool forName(String name) {
    return switch (name) {
      case "get_current_time" -> new Tool() {
        @Override
        public ToolSpec spec() {
          return CURRENT_TIME;
        }

        @Override
        public Future<ToolOutcome> invoke(JsonObject arguments) {
          return Future.succeededFuture(ToolOutcome.ok(currentTime(ZonedDateTime.now())));
        }
      };
      case "calculator" -> new Tool() {
        @Override
        public ToolSpec spec() {
          return CALCULATOR;
        }

        @Override
        public Future<ToolOutcome> invoke(JsonObject arguments) {
          Object expression = arguments.getValue("expression");
          if (!(expression instanceof String text)) {
            return Future.succeededFuture(ToolOutcome.error("missing string argument 'expression'"));
          }
          try {
            return Future.succeededFuture(ToolOutcome.ok(ArithmeticExpression.format(ArithmeticExpression.evaluate(text))));
          } catch (ArithmeticExpression.SyntaxError e) {
            return Future.succeededFuture(ToolOutcome.error(e.getMessage()));
          }
        }
      };
      default -> null;
    };
  }

  static String currentTime(ZonedDateTime now) {
    return new JsonObject()
        .put("date", now.format(DateTimeFormatter.ISO_LOCAL_DATE))
        .put("time", now.format(DateTimeFormatter.ofPattern("HH:mm:ss")))
        .put("weekday", now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH))
        .put("zone", now.getZone().getId())
        .put("utc_offset", now.getOffset().getId())
        .encode();
  }
}
