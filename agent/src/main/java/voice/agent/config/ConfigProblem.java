package voice.agent.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns what Jackson says about a bad configuration file into one line a user can act on: the
 * key, its line, what was expected in words, and for a misspelled key the nearest valid one.
 * No Java or Jackson class names.
 */
final class ConfigProblem {
  private ConfigProblem() {}

  static String describe(JsonProcessingException e, Path file, ObjectMapper yaml) {
    if (e.getCause() instanceof MarkedYAMLException syntax) {
      int line = syntax.getProblemMark() != null ? syntax.getProblemMark().getLine() + 1 : lineOf(e);
      return "YAML syntax error at line " + line + " of " + file + ": " + syntax.getProblem()
          + (syntax.getProblem().contains("<block") ? " (check the indentation)" : "");
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      String key = unknown.getPropertyName();
      String near = nearest(key, unknown.getKnownPropertyIds());
      return "unknown key '" + key + "' at line " + keyLine(unknown, file, yaml) + " of " + file
          + (near != null ? "; did you mean '" + near + "'?" : "; valid keys here: " + join(unknown.getKnownPropertyIds()));
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      Object value = mismatch instanceof InvalidFormatException bad ? bad.getValue() : null;
      return dotted(mismatch.getPath()) + " at line " + keyLine(mismatch, file, yaml) + " of " + file
          + " must be " + expected(mismatch.getTargetType()) + (value != null ? ", not '" + value + "'" : "");
    }
    return "cannot read config " + file + " at line " + lineOf(e) + ": it is not a valid configuration";
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 1 : e.getLocation().getLineNr();
  }

  /**
   * The line of the key the error is about. Jackson reads a record's keys before building it and
   * reports an unknown one at the end of its section, so the file is read again to find the key.
   */
  private static int keyLine(JsonMappingException e, Path file, ObjectMapper yaml) {
    String pointer = e.getPath().stream()
        .map(ref -> "/" + (ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex())))
        .collect(Collectors.joining());
    try (JsonParser parser = yaml.getFactory().createParser(file.toFile())) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.FIELD_NAME && parser.getParsingContext().pathAsPointer().toString().equals(pointer)) {
          return parser.currentTokenLocation().getLineNr();
        }
      }
    } catch (IOException ignored) {
      // The file was readable a moment ago; fall back to where Jackson stopped.
    }
    return lineOf(e);
  }

  private static String dotted(List<JsonMappingException.Reference> path) {
    return path.stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "of another kind";
    }
    if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == Float.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a section of 'key: value' lines";
  }

  /** The valid key closest in spelling, if it is close enough to be a likely typo. */
  static String nearest(String key, Collection<Object> known) {
    return known.stream().map(String::valueOf)
        .filter(k -> distance(key, k) <= Math.max(2, k.length() / 3))
        .min(Comparator.comparingInt(k -> distance(key, k)))
        .orElse(null);
  }

  private static String join(Collection<Object> known) {
    return known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
