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
  /** E-mail addresses, Unicode ones too ({@code jöhn@exämple.de}): local part, {@code @}, a dotted domain. */
  public static final Pattern EMAIL = Pattern.compile(
      "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]{1,64}@[\\p{L}\\p{N}-]{1,63}(?:\\.[\\p{L}\\p{N}-]{1,63})*"
          + "\\.\\p{L}{2,24}(?![\\p{L}\\p{N}])");
  /**
   * Phone numbers, written as people write them, and not the bare or evenly grouped digits of
   * order numbers, years or card-like numbers ({@code Order 12345678}, {@code 2024 1234 5678}):
   * <ul>
   *   <li>international: {@code +} and a country code, then 2-6 groups of digits
   *       ({@code +33 1 23 45 67 89}, {@code +1 555 123 4567}, {@code +44 (0)20 7946 0958});
   *   <li>North American: 3-3-4 digits, separated ({@code (555) 123-4567}, {@code 555.123.4567});
   *   <li>a local number with a hyphen or dot: {@code 555-1234};
   *   <li>a national number with its leading 0: {@code 020 7946 0958}, {@code 01 23 45 67 89}.
   * </ul>
   */
  public static final Pattern PHONE = Pattern.compile(
      "(?<![\\w+.-])(?:"
          + "\\+\\d{1,3}(?:[ .-]?(?:\\(\\d{1,4}\\)|\\d{1,4})){2,6}"
          + "|(?:\\(\\d{3}\\)[ .-]?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
          + "|\\d{3}[.-]\\d{4}"
          + "|0\\d{1,4}(?:[ .-]\\d{2,4}){2,4}"
          + ")(?![\\w]|[.-]\\d)");

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

  /** These rules plus the e-mail and phone redactions, which the transcript always applies. */
  public GuardrailRules forTranscript() {
    List<Redaction> all = new ArrayList<>(redactions);
    for (String name : List.of("email", "phone")) {
      if (all.stream().noneMatch(r -> r.name().equals(name))) {
        all.add(redaction(name));
      }
    }
    return new GuardrailRules(blocked, all, maxAnswerChars);
  }

  /** {@code text} with every redaction applied (whole text at once: for what is logged, not streamed). */
  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Redaction r : redactions) {
      out = r.pattern().matcher(out).replaceAll(java.util.regex.Matcher.quoteReplacement(r.replacement()));
    }
    return out;
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
