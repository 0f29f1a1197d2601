package voice.agent.server.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@link GuardrailRules} to one answer as it streams, token by token. Text goes out as
 * soon as no rule can still match it: only a tail that might be the start of a blocked term or
 * of something to redact (a half-written e-mail address or phone number) is held back, until
 * the next token or the end of the answer decides. Not thread-safe: one answer, one caller at a
 * time.
 */
public final class StreamGuard {
  /** Why the guard ended an answer early. */
  public enum Stop { BLOCKED, LENGTH }

  /** Text that may go out now, and whether the answer must end here. */
  public record Output(String text, Stop stop) {}

  private final GuardrailRules rules;
  private final StringBuilder pending = new StringBuilder();
  private int emittedChars;
  private int redactions;
  private Stop stopped;

  public StreamGuard(GuardrailRules rules) {
    this.rules = rules;
  }

  /** Takes the next piece of the answer. */
  public Output feed(String delta) {
    if (stopped != null) {
      return new Output("", stopped);
    }
    pending.append(delta);
    return scan(false);
  }

  /** The answer (or one block of it) ended: releases what was held back. */
  public Output finish() {
    if (stopped != null) {
      return new Output("", stopped);
    }
    return scan(true);
  }

  public Stop stopped() {
    return stopped;
  }

  public int redactions() {
    return redactions;
  }

  private Output scan(boolean end) {
    StringBuilder out = new StringBuilder();
    int n = pending.length();
    int i = 0;
    scanning:
    while (i < n) {
      for (Pattern term : rules.blocked()) {
        Matcher m = matcherAt(term, i, n);
        boolean found = m.lookingAt();
        if (!end && m.hitEnd()) {
          break scanning; // may still become (more of) a blocked term
        }
        if (found) {
          pending.setLength(0);
          return stop(out, Stop.BLOCKED);
        }
      }
      for (GuardrailRules.Redaction redaction : rules.redactions()) {
        Matcher m = matcherAt(redaction.pattern(), i, n);
        boolean found = m.lookingAt();
        if (!end && m.hitEnd()) {
          break scanning; // the match could still grow with the next token
        }
        if (found && m.end() > i) {
          out.append(redaction.replacement());
          redactions++;
          i = m.end();
          continue scanning;
        }
      }
      out.append(pending.charAt(i));
      i++;
    }
    pending.delete(0, i);
    return limit(out);
  }

  /** A matcher that starts at {@code from} but sees the text around it for look-arounds. */
  private Matcher matcherAt(Pattern pattern, int from, int to) {
    return pattern.matcher(pending).region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
  }

  private Output limit(StringBuilder out) {
    int max = rules.maxAnswerChars();
    if (max <= 0 || emittedChars + out.length() <= max) {
      emittedChars += out.length();
      return new Output(out.toString(), null);
    }
    String allowed = out.substring(0, max - emittedChars);
    int lastSpace = allowed.lastIndexOf(' ');
    boolean midWord = allowed.length() < out.length() && !Character.isWhitespace(out.charAt(allowed.length()));
    if (midWord && (lastSpace >= 0 || emittedChars > 0)) {
      allowed = allowed.substring(0, Math.max(0, lastSpace)); // end on a whole word
    }
    pending.setLength(0);
    return stop(new StringBuilder(allowed.stripTrailing()), Stop.LENGTH);
  }

  private Output stop(StringBuilder out, Stop why) {
    stopped = why;
    String text = out.toString();
    int max = rules.maxAnswerChars();
    if (max > 0 && emittedChars + text.length() > max) {
      text = text.substring(0, max - emittedChars);
    }
    emittedChars += text.length();
    return new Output(text, why);
  }
}
