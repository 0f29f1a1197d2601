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

  /**
   * The longest text one rule may match. Each position of the answer is tried against at most
   * this much text, so the work is linear in the answer's length, however it is split.
   */
  public static final int MAX_MATCH_CHARS = 256;

  private final GuardrailRules rules;
  private final StringBuilder pending = new StringBuilder();
  private final CountingText text = new CountingText(pending);
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

  /** Characters the rules have read so far: the guard's work, which grows linearly with the answer. */
  public long charactersRead() {
    return text.reads();
  }

  private Output scan(boolean end) {
    StringBuilder out = new StringBuilder();
    int n = pending.length();
    int i = 0;
    scanning:
    while (i < n) {
      int to = Math.min(n, i + MAX_MATCH_CHARS);
      boolean last = end || to < n; // a match cut at the bound is decided: it cannot grow
      for (Pattern term : rules.blocked()) {
        Matcher m = matcherAt(term, i, to);
        boolean found = m.lookingAt();
        if (!last && m.hitEnd()) {
          break scanning; // may still become (more of) a blocked term
        }
        if (found) {
          pending.setLength(0);
          return stop(out, Stop.BLOCKED);
        }
      }
      for (GuardrailRules.Redaction redaction : rules.redactions()) {
        Matcher m = matcherAt(redaction.pattern(), i, to);
        boolean found = m.lookingAt();
        if (!last && m.hitEnd()) {
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
    return pattern.matcher(text).region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /** The pending text, counting what the matchers read. */
  private static final class CountingText implements CharSequence {
    private final StringBuilder text;
    private long reads;

    CountingText(StringBuilder text) {
      this.text = text;
    }

    long reads() {
      return reads;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(start, end);
    }

    @Override
    public String toString() {
      return text.toString();
    }
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
