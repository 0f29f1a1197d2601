package voice.agent.server.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import voice.agent.UserError;
import voice.agent.config.AgentConfig;

/**
 * What the guardrails enforce on every answer before it is streamed out or spoken: terms that
 * end the answer, patterns replaced by a placeholder, and a longest answer in characters.
 *
 * @param blocked patterns of terms that end the answer when the model writes one
 * @param redactions patterns replaced in the text, each with its placeholder
 * @param maxAnswerChars longest answer, 0 for no limit
 */
public record GuardrailRules(List<Pattern> blocked, List<Redaction> redactions, int maxAnswerChars) {
  /** E-mail addresses: local part, {@code @}, a dotted domain. */
  public static final Pattern EMAIL = Pattern.compile(
      "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  /** Phone numbers: optional country code, then groups of 2-4, 3-4 and 3-4 digits, optionally separated. */
  public static final Pattern PHONE = Pattern.compile(
      "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?)?(?:\\(\\d{2,4}\\)[ .-]?|\\d{2,4}[ .-]?)\\d{3,4}[ .-]?\\d{3,4}(?!\\w)");

  /** A pattern and the text it is replaced with. */
  public record Redaction(String name, Pattern pattern, String replacement) {}

  public GuardrailRules {
    blocked = List.copyOf(blocked);
    redactions = List.copyOf(redactions);
  }

  public static GuardrailRules none() {
    return new GuardrailRules(List.of(), List.of(), 0);
  }

  public boolean isEmpty() {
    return blocked.isEmpty() && redactions.isEmpty() && maxAnswerChars <= 0;
  }

  /**
   * From the config file's {@code guardrails} section: {@code redact} takes {@code email},
   * {@code phone} or a regular expression of its own.
   */
  public static GuardrailRules from(AgentConfig.Guardrails config) {
    List<Pattern> blocked = new ArrayList<>();
    if (config.blockedTerms() != null) {
      for (String term : config.blockedTerms()) {
        if (term != null && !term.isBlank()) {
          blocked.add(blockedTerm(term.strip()));
        }
      }
    }
    List<Redaction> redactions = new ArrayList<>();
    if (config.redact() != null) {
      for (String rule : config.redact()) {
        redactions.add(redaction(rule));
      }
    }
    int max = config.maxAnswerChars() == null ? 0 : config.maxAnswerChars();
    if (max < 0) {
      throw new UserError("guardrails.max_answer_chars must be positive, was " + max);
    }
    return new GuardrailRules(blocked, redactions, max);
  }

  /** A term matched case-insensitively as a whole word (not inside a longer word). */
  public static Pattern blockedTerm(String term) {
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(term) + "(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  static Redaction redaction(String rule) {
    if (rule == null || rule.isBlank()) {
      throw new UserError("guardrails.redact: empty rule; use email, phone or a regular expression");
    }
    return switch (rule.strip()) {
      case "email" -> new Redaction("email", EMAIL, "[email redacted]");
      case "phone" -> new Redaction("phone", PHONE, "[phone redacted]");
      default -> {
        try {
          yield new Redaction("pattern", Pattern.compile(rule), "[redacted]");
        } catch (PatternSyntaxException e) {
          throw new UserError("guardrails.redact: bad regular expression '" + rule + "': "
              + e.getDescription());
        }
      }
    };
  }
}
