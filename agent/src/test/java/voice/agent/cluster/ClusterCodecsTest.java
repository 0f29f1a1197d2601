package voice.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.io.PrintStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.agent.server.bench.FreePorts;
import voice.core.bus.Codecs;
import voice.core.llm.LlmEvent;
import voice.core.message.AudioChunk;
import voice.core.message.AudioFrame;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.core.message.TextChunk;
import voice.core.message.Transcript;
import voice.core.message.TurnCancel;

/**
 * The records a cluster call carries cross between two members (two Hazelcast members and two
 * event-bus servers in this JVM, over TCP on 127.0.0.1) through their wire codec, and arrive
 * equal: a copy decoded from the wire, not the object sent.
 */
class ClusterCodecsTest {
  private static ClusterNode sender;
  private static ClusterNode receiver;
  private static final List<Object> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void twoMembers() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int port = FreePorts.pair();
    sender = ClusterNode.join(new ClusterSettings("127.0.0.1", port, List.of(), EnumSet.noneOf(Role.class), 30), quiet);
    receiver = ClusterNode.join(new ClusterSettings("127.0.0.1", FreePorts.pair(), List.of("127.0.0.1:" + port),
        EnumSet.noneOf(Role.class), 30), quiet);
    Codecs.register(sender.vertx());
    Codecs.register(receiver.vertx());
    receiver.vertx().eventBus().consumer("voice.test.codecs", m -> {
      received.add(m.body());
      m.reply("ok");
    }).completion().await(20, TimeUnit.SECONDS);
  }

  @AfterAll
  static void leave() {
    receiver.close();
    sender.close();
  }

  @Test
  void everyCallRecordArrivesEqualAndDecodedFromTheWire() throws Exception {
    List<Object> sent = List.of(
        new TextChunk("call-1", 0, "Paris is the capital of France.", true),
        new AudioChunk("call-1", 0, 48_000, Buffer.buffer(new byte[] {1, -2, 3, -4}), false, false),
        new AudioFrame(0, Buffer.buffer(new byte[] {7, 0, -7, 0}), true),
        new Transcript("call-2", "go forward", true, 0, 0, List.of(new Transcript.Word("go", 10, 200))),
        new LlmRequest("turn-1", List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"))),
        new LlmEvent.RequestSent("turn-1", "openai", "demo", "http://127.0.0.1:1/v1"),
        new LlmEvent.BlockDelta("turn-1", 0, LlmEvent.BlockType.text, "Hello"),
        new LlmEvent.MessageDelta("turn-1", "end_turn", new LlmEvent.Usage(3, 4)),
        new LlmEvent.MessageStop("turn-1", true),
        new LlmEvent.LlmError("turn-1", "worker_lost", "gone"),
        new TurnCancel("call-3", TurnCancel.Reason.cancelled));
    for (Object message : sent) {
      send(message);
    }
    assertThat(received).containsExactlyElementsOf(sent);
    for (int i = 0; i < sent.size(); i++) {
      assertThat(received.get(i)).isNotSameAs(sent.get(i));
    }
  }

  /** The receiver's consumer reaches the sender's view of the cluster shortly after it registers. */
  private static void send(Object message) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        sender.vertx().eventBus().request("voice.test.codecs", message).await(10, TimeUnit.SECONDS);
        return;
      } catch (ReplyException e) {
        if (e.failureType() != ReplyFailure.NO_HANDLERS || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }
}
