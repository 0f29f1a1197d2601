package voice.llm.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import voice.llm.LlmConfig;
import voice.llm.anthropic.AnthropicProtocol;
import voice.llm.http.WireProtocol;
import voice.llm.ollama.OllamaProtocol;
import voice.llm.openai.OpenAiProtocol;
import voice.llm.testserver.AnthropicStreams;

/** Each provider's decoder reports the same thing whatever byte boundaries the network chose. */
class DecoderSplitTest {

  private static List<String> decode(Function<RoundListener, WireProtocol.StreamDecoder> factory, byte[] input, int cut) {
    RecordingListener listener = new RecordingListener();
    WireProtocol.StreamDecoder decoder = factory.apply(listener);
    decoder.feed(java.util.Arrays.copyOfRange(input, 0, cut));
    decoder.feed(java.util.Arrays.copyOfRange(input, cut, input.length));
    decoder.end();
    return listener.calls;
  }

  private static List<String> everySplit(WireProtocol protocol, String stream) {
    byte[] input = stream.getBytes(StandardCharsets.UTF_8);
    List<String> whole = decode(protocol::decoder, input, input.length);
    for (int cut = 0; cut <= input.length; cut++) {
      assertThat(decode(protocol::decoder, input, cut)).as("cut at byte %d", cut).isEqualTo(whole);
    }
    return whole;
  }

  @Test
  void anthropic() {
    String stream = AnthropicStreams.thinkingThenTool("msg_1", "Hm\u00e9", "sig", "Ok \u20ac", "toolu_1", "calculator",
        List.of("{\"expression\":", " \"1+1\"}"));
    assertThat(everySplit(new AnthropicProtocol(LlmConfig.builder("anthropic", "m").build()), stream)).containsExactly(
        "start msg_1 claude-sonnet-4-5",
        "block 0 thinking null null", "delta 0 Hm\u00e9", "signature 0 sig", "stop 0",
        "block 1 text null null", "delta 1 Ok \u20ac", "stop 1",
        "block 2 tool_use toolu_1 calculator", "delta 2 {\"expression\": \"1+1\"}", "stop 2",
        "delta tool_use Usage[inputTokens=25, outputTokens=89]", "message_stop");
  }

  @Test
  void openAi() {
    String stream = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi \u00e9\"},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"calculator\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"expression\\\"\"}}]},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\":\\\"2\\\"}\"}}]},\"finish_reason\":null}]}\n\n"
        + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\n"
        + "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9,\"total_tokens\":14}}\n\n"
        + "data: [DONE]\n\n";
    assertThat(everySplit(new OpenAiProtocol(LlmConfig.builder("openai", "m").build()), stream)).containsExactly(
        "start c m", "block 0 text null null", "delta 0 Hi \u00e9", "stop 0",
        "block 1 tool_use call_1 calculator", "delta 1 {\"expression\":\"2\"}", "stop 1",
        "delta tool_use Usage[inputTokens=5, outputTokens=9]", "message_stop");
  }

  @Test
  void ollama() {
    String stream = "{\"model\":\"q\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"hm\"},\"done\":false}\n"
        + "{\"model\":\"q\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"Gr\u00fc\u00df\"},\"done\":false}\n"
        + "{\"model\":\"q\",\"created_at\":\"t\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"length\",\"prompt_eval_count\":3,\"eval_count\":2}";
    assertThat(everySplit(new OllamaProtocol(LlmConfig.builder("ollama", "q").build()), stream)).containsExactly(
        "start t q", "block 0 thinking null null", "delta 0 hm", "stop 0", "block 1 text null null", "delta 1 Gr\u00fc\u00df",
        "stop 1", "delta max_tokens Usage[inputTokens=3, outputTokens=2]", "message_stop");
  }
}
