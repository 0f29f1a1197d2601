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
}
