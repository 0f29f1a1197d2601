package voice.agent.server.guard;

import java.util.function.Consumer;
import voice.agent.server.transcript.TranscriptLog;
import voice.core.llm.LlmEvent;
import voice.core.message.LlmRequest;
import voice.llm.LlmCall;
import voice.llm.LlmClient;

/**
 * A provider client with the guardrails in front: every answer's text passes a
 * {@link StreamGuard} before anyone sees it, a rule that ends the answer ends it with a clean
 * {@code message_stop} (stop reason {@code content_filter} or {@code max_tokens}) and cancels
 * the upstream request, and each answer is written to the transcript log when it ends, however
 * it ends, with the user's words and the answer redacted (e-mail addresses and phone numbers
 * always, and the configured patterns). Used by both the text proxy and the voice sessions, so the same rules hold for text
 * that is streamed out and text that is spoken.
 */
public final class GuardedLlmClient implements LlmClient {
  private final LlmClient inner;
  private final GuardrailRules rules;
  private final GuardrailRules transcriptRules;
  private final TranscriptLog transcript;
  private final String source;
  private final String session;

  /**
   * @param transcript where each answer is logged; null for none
   * @param source {@code http} or {@code voice}, written to the log
   * @param session the voice session or API key label, written to the log
   */
  public GuardedLlmClient(LlmClient inner, GuardrailRules rules, TranscriptLog transcript, String source, String session) {
    this.inner = inner;
    this.rules = rules;
    this.transcriptRules = rules.forTranscript();
    this.transcript = transcript;
    this.source = source;
    this.session = session;
  }

  @Override
  public LlmCall stream(LlmRequest request, Consumer<LlmEvent> events) {
    GuardedCall call = new GuardedCall(request, events, new StreamGuard(rules), this::log);
    call.start(inner, !rules.isEmpty());
    return call;
  }

  @Override
  public String provider() {
    return inner.provider();
  }

  private void log(GuardedCall.Ended ended) {
    if (transcript == null) {
      return;
    }
    var entry = new java.util.LinkedHashMap<String, Object>();
    entry.put("ts", System.currentTimeMillis());
    entry.put("source", source);
    entry.put("session", session);
    entry.put("turn", ended.turn());
    entry.put("provider", inner.provider());
    entry.put("user", transcriptRules.redact(ended.userText()));
    entry.put("answer", transcriptRules.redact(ended.answer()));
    entry.put("outcome", ended.outcome());
    entry.put("stop_reason", ended.stopReason());
    entry.put("redactions", ended.redactions());
    if (ended.error() != null) {
      entry.put("error", voice.agent.server.upstream.UpstreamErrors.maskCredentials(ended.error()));
    }
    transcript.append(entry);
  }
}
