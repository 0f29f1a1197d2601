package voice.llm.turn;

import java.util.ArrayList;
import java.util.List;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;

/** Writes every listener call as one line, so decoders can be compared across input splits. */
public final class RecordingListener implements RoundListener {
  public final List<String> calls = new ArrayList<>();

  @Override public void requestSent(String url) { calls.add("sent " + url); }
  @Override public void messageStart(String id, String model) { calls.add("start " + id + " " + model); }
  @Override public void blockStart(int index, BlockType type, String toolId, String toolName) {
    calls.add("block " + index + " " + type + " " + toolId + " " + toolName);
  }
  // Deltas are merged: how text is cut into deltas depends on the network reads, not the content.
  @Override public void blockDelta(int index, String text) {
    String prefix = "delta " + index + " ";
    if (!calls.isEmpty() && calls.get(calls.size() - 1).startsWith(prefix)) {
      calls.set(calls.size() - 1, calls.get(calls.size() - 1) + text);
    } else {
      calls.add(prefix + text);
    }
  }
  @Override public void thinkingSignature(int index, String signature) { calls.add("signature " + index + " " + signature); }
  @Override public void redactedThinking(int index, String data) { calls.add("redacted " + index + " " + data); }
  @Override public void blockStop(int index) { calls.add("stop " + index); }
  @Override public void messageDelta(String stopReason, Usage usage) { calls.add("delta " + stopReason + " " + usage); }
  @Override public void messageStop() { calls.add("message_stop"); }
  @Override public void failed(LlmFailure failure) { calls.add("failed " + failure.errorType() + " " + failure.message()); }
}
