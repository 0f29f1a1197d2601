package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import voice.agent.config.AgentConfig;
import voice.agent.server.guard.GuardrailRules;
import voice.agent.server.guard.StreamGuard;

class StreamGuardTest {
  private static final GuardrailRules REDACT = GuardrailRules.from(
      new AgentConfig.Guardrails(List.of("password"), List.of("email", "phone"), null));

  @Test
  void redactsAnEmailAndAPhoneNumberWhereverTheTokensSplitThem() {
    String answer = "Mail john.doe@example.com or call +1 555 123 4567 today.";
    String expected = "Mail [email redacted] or call [phone redacted] today.";
    for (int a = 1; a < answer.length(); a++) {
      for (int b = a; b < answer.length(); b += 3) {
        StreamGuard guard = new StreamGuard(REDACT);
        String out = guard.feed(answer.substring(0, a)).text()
            + guard.feed(answer.substring(a, b)).text()
            + guard.feed(answer.substring(b)).text()
            + guard.finish().text();
        assertThat(out).as("split at %d and %d", a, b).isEqualTo(expected);
      }
    }
  }

  @Test
  void holdsBackOnlyWhatCouldStillBecomeAMatch() {
    StreamGuard guard = new StreamGuard(REDACT);
    assertThat(guard.feed("Hello there, ").text()).isEqualTo("Hello there, ");
    assertThat(guard.feed("write to jo").text()).isEqualTo("write to ");
    assertThat(guard.feed("hn@exam").text()).isEmpty();
    assertThat(guard.feed("ple.org now").text()).isEqualTo("[email redacted] ");
    assertThat(guard.finish().text()).isEqualTo("now");
    assertThat(guard.redactions()).isEqualTo(1);
  }

  @Test
  void aBlockedTermSplitAcrossTokensEndsTheAnswerBeforeIt() {
    StreamGuard guard = new StreamGuard(REDACT);
    assertThat(guard.feed("The pass").text()).isEqualTo("The ");
    StreamGuard.Output output = guard.feed("word is hunter2");
    assertThat(output.text()).isEmpty();
    assertThat(output.stop()).isEqualTo(StreamGuard.Stop.BLOCKED);
    assertThat(guard.feed(" more").text()).isEmpty();
  }

  @Test
  void aBlockedTermInsideALongerWordIsNotBlocked() {
    StreamGuard guard = new StreamGuard(REDACT);
    String out = guard.feed("Passwordless login works.").text() + guard.finish().text();
    assertThat(out).isEqualTo("Passwordless login works.");
    assertThat(guard.stopped()).isNull();
  }

  @Test
  void theLengthLimitEndsTheAnswerOnAWholeWord() {
    GuardrailRules rules = GuardrailRules.from(new AgentConfig.Guardrails(null, null, 20));
    StreamGuard guard = new StreamGuard(rules);
    List<String> out = new ArrayList<>();
    StreamGuard.Stop stop = null;
    for (String token : List.of("Sure", ", write", " to jo", "hn right", " away", " please")) {
      StreamGuard.Output o = guard.feed(token);
      out.add(o.text());
      if (o.stop() != null) {
        stop = o.stop();
        break;
      }
    }
    // "jo" already went out, so the word it starts is completed; "right" would pass the limit.
    assertThat(String.join("", out)).isEqualTo("Sure, write to john");
    assertThat(stop).isEqualTo(StreamGuard.Stop.LENGTH);
  }

  @Test
  void plainNumbersAreNotPhoneNumbers() {
    StreamGuard guard = new StreamGuard(REDACT);
    String out = guard.feed("In 2024 about 300 people came at 10:30.").text() + guard.finish().text();
    assertThat(out).isEqualTo("In 2024 about 300 people came at 10:30.");
  }

  @Test
  void internationalPhonesAndUnicodeMailAreRedactedButOrderNumbersAreNot() {
    String[][] cases = {
        {"Call 555-1234 now.", "Call [phone redacted] now."},
        {"Call +33 1 23 45 67 89 now.", "Call [phone redacted] now."},
        {"Call (555) 123-4567 now.", "Call [phone redacted] now."},
        {"Call 020 7946 0958 now.", "Call [phone redacted] now."},
        {"Mail jöhn@exämple.de now.", "Mail [email redacted] now."},
        {"Order 12345678 ships.", "Order 12345678 ships."},
        {"Card 2024 1234 5678 ok.", "Card 2024 1234 5678 ok."},
        {"In 2024 about 300 people came at 10:30.", "In 2024 about 300 people came at 10:30."},
    };
    for (String[] c : cases) {
      for (int split = 1; split < c[0].length(); split++) {
        StreamGuard guard = new StreamGuard(REDACT);
        String out = guard.feed(c[0].substring(0, split)).text() + guard.feed(c[0].substring(split)).text()
            + guard.finish().text();
        assertThat(out).as("%s split at %d", c[0], split).isEqualTo(c[1]);
      }
    }
  }

  @Test
  void theWorkIsLinearInTheAnswersLengthWithoutSeparators() {
    long work10k = workFor(10_000);
    long work40k = workFor(40_000);
    // Quadratic work would be 16 times as much for 4 times the text; linear is 4 times.
    assertThat((double) work40k / work10k).isLessThan(4.5);
  }

  /** Characters the rules read for an answer of {@code length} letters, streamed 7 at a time. */
  private static long workFor(int length) {
    StreamGuard guard = new StreamGuard(REDACT);
    String text = "a".repeat(length);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i += 7) {
      out.append(guard.feed(text.substring(i, Math.min(length, i + 7))).text());
    }
    out.append(guard.finish().text());
    assertThat(out.toString()).isEqualTo(text);
    return guard.charactersRead();
  }
}
