package voice.agent.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.server.bench.FreePorts;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.llm.LlmEvent;
import voice.core.message.AudioChunk;
import voice.core.message.ChatMessage;
import voice.core.message.LlmRequest;
import voice.core.message.TextChunk;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.tts.mary.MaryTtsEngine;

/**
 * The gateway's failover against members on a real clustered bus (two members in this JVM): a
 * member that accepts a call and then falls silent, one that refuses every call as busy, and
 * none at all. The members that do the work are the real services (MaryTTS, the OpenAI client
 * against a paced local server).
 */
class RemoteCallsTest {
  private static ClusterNode gateway;
  private static ClusterNode worker;
  private static RemoteStreams streams;
  private static PacedOpenAiServer model;
  /** An answer that streams for a minute. */
  private static PacedOpenAiServer slowModel;
  private static MaryTtsEngine voice;
  private final List<String> retries = new CopyOnWriteArrayList<>();
  private MessageConsumer<Object> scripted;
  private String deployment;

  @BeforeAll
  static void twoMembers() throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int port = FreePorts.pair();
    gateway = ClusterNode.join(new ClusterSettings("127.0.0.1", port, List.of(), EnumSet.of(Role.gateway), 30), quiet);
    worker = ClusterNode.join(new ClusterSettings("127.0.0.1", FreePorts.pair(), List.of("127.0.0.1:" + port),
        EnumSet.of(Role.tts, Role.llm), 30), quiet);
    Codecs.register(gateway.vertx());
    Codecs.register(worker.vertx());
    streams = RemoteStreams.start(gateway.vertx(), gateway.nodeId()).await(20, TimeUnit.SECONDS);
    model = new PacedOpenAiServer(worker.vertx(), List.of("Hi", " there", "."), 10, 200).start().await();
    slowModel = new PacedOpenAiServer(worker.vertx(), java.util.Collections.nCopies(300, " word"), 10, 5).start().await();
    voice = MaryTtsEngine.start();
  }

  @AfterAll
  static void leave() {
    model.close().await();
    slowModel.close().await();
    worker.close();
    gateway.close();
  }

  @AfterEach
  void stopMembers() {
    if (scripted != null) {
      scripted.unregister().await();
    }
    if (deployment != null) {
      worker.vertx().undeploy(deployment).await();
    }
  }

  @Test
  void aModelTurnWhoseMemberFallsSilentBeforeWritingIsAskedAgainElsewhere() throws Exception {
    // The first member to get the call accepts it and says nothing more (a process frozen or cut off);
    // then the real service takes over the address.
    scripted = worker.vertx().eventBus().consumer(Addresses.CLUSTER_LLM, m -> {
      m.reply(worker.nodeId());
      scripted.unregister().onComplete(v -> deployment = deployModel());
    });
    scripted.completion().await(10, TimeUnit.SECONDS);
    List<LlmEvent> events = answer(new RemoteLlmClient(streams, retries::add, () -> {}));
    assertThat(retries).containsExactly("the member serving it went silent for 3 s");
    assertThat(events).filteredOn(LlmEvent.RequestSent.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(LlmEvent.BlockDelta.class::isInstance)
        .extracting(e -> ((LlmEvent.BlockDelta) e).text()).containsExactly("Hi", " there", ".");
    assertThat(events.get(events.size() - 1)).isEqualTo(new LlmEvent.MessageStop("t1", true));
  }

  @Test
  void whenEveryMemberIsBusyTheTurnEndsWithOneClusterBusyError() throws Exception {
    scripted = worker.vertx().eventBus().consumer(Addresses.CLUSTER_LLM, m -> m.fail(RemoteStreams.BUSY, "busy"));
    scripted.completion().await(10, TimeUnit.SECONDS);
    List<LlmEvent> events = answer(new RemoteLlmClient(streams, retries::add, () -> {}));
    assertThat(retries).hasSize(RemoteLlmClient.ATTEMPTS - 1);
    assertThat(events).containsExactly(new LlmEvent.LlmError("t1", "cluster_busy", "every llm member is busy; retry later"));
  }

  @Test
  void withNoMemberOfferingTheRoleTheTurnEndsAtOnce() throws Exception {
    List<LlmEvent> events = answer(new RemoteLlmClient(streams, retries::add, () -> {}));
    assertThat(retries).isEmpty();
    assertThat(events).containsExactly(new LlmEvent.LlmError("t1", "cluster_busy", "no cluster member offers llm now; retry later"));
  }

  @Test
  void aChunkWhoseMemberIsLostMidwayIsHeardOnceWhole() throws Exception {
    String text = "Paris is the capital of France.";
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    voice.synthesize(text, direct::writeBytes);
    // The first member sends the chunk's first two pieces, then falls silent; the real service takes over.
    scripted = worker.vertx().eventBus().consumer(Addresses.CLUSTER_TTS, m -> {
      m.reply(worker.nodeId());
      DeliveryOptions piece = new DeliveryOptions().addHeader(RemoteStreams.CALL, m.headers().get(RemoteStreams.CALL));
      byte[] pcm = direct.toByteArray();
      int tenth = voice.sampleRate() * 2 / 10;
      for (int i = 0; i < 2; i++) {
        worker.vertx().eventBus().send(m.headers().get(RemoteStreams.REPLY_TO), new AudioChunk("c", 0, voice.sampleRate(),
            Buffer.buffer(java.util.Arrays.copyOfRange(pcm, i * tenth, (i + 1) * tenth)), false, false), piece);
      }
      scripted.unregister().onComplete(v -> deployment = deploySpeech());
    });
    scripted.completion().await(10, TimeUnit.SECONDS);
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    CompletableFuture.runAsync(() -> {
      try {
        new RemoteSpeechEngine(streams, retries::add).synthesize(text, heard::writeBytes);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(retries).containsExactly("the member serving it went silent for 3 s");
    assertThat(heard.toByteArray()).isEqualTo(direct.toByteArray());
  }

  @Test
  void aGatewayThatLeavesHasItsCallsStoppedOnTheWorkers() throws Exception {
    LlmClient client = LlmClients.create(worker.vertx(),
        LlmConfig.builder("openai", "bench").baseUrl(slowModel.baseUrl()).maxRetries(0).build());
    WorkerVerticle serving = new WorkerVerticle(worker.nodeId(), null, new ModelService(client, 4), null);
    deployment = worker.vertx().deployVerticle(serving).await();
    List<String> left = new CopyOnWriteArrayList<>();
    worker.onMemberLeft(node -> { // as WorkerRoles wires it
      left.add(node);
      serving.callerLeft(node);
    });
    ClusterNode other = ClusterNode.join(new ClusterSettings("127.0.0.1", FreePorts.pair(),
        List.of(worker.settings().host() + ":" + worker.settings().port()), EnumSet.of(Role.gateway), 30),
        new PrintStream(OutputStream.nullOutputStream()));
    Codecs.register(other.vertx());
    RemoteStreams otherStreams = RemoteStreams.start(other.vertx(), other.nodeId()).await(20, TimeUnit.SECONDS);
    CompletableFuture<LlmEvent> firstText = new CompletableFuture<>();
    new RemoteLlmClient(otherStreams, retries::add, () -> {}).stream(new LlmRequest("t2", List.of(ChatMessage.user("Hi"))),
        event -> {
          if (event instanceof LlmEvent.BlockDelta) {
            firstText.complete(event);
          }
        });
    firstText.get(30, TimeUnit.SECONDS);
    assertThat(serving.running()).isEqualTo(1);
    other.close(); // the answer would stream for a minute more
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (serving.running() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(left).as("members seen leaving").contains(other.nodeId());
    assertThat(serving.running()).as("calls still running for the gateway that left").isZero();
    client.close();
  }

  private static String deployModel() {
    LlmClient client = LlmClients.create(worker.vertx(),
        LlmConfig.builder("openai", "bench").baseUrl(model.baseUrl()).maxRetries(0).build());
    return worker.vertx().deployVerticle(new WorkerVerticle(worker.nodeId(), null, new ModelService(client, 4), null))
        .await();
  }

  private static String deploySpeech() {
    return worker.vertx().deployVerticle(new WorkerVerticle(worker.nodeId(),
        new SpeechService(voice, Executors.newFixedThreadPool(2), 2), null, null)).await();
  }

  private static List<LlmEvent> answer(RemoteLlmClient client) throws Exception {
    List<LlmEvent> events = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    client.stream(new LlmRequest("t1", List.of(ChatMessage.user("Hi"))), event -> {
      events.add(event);
      if (event instanceof LlmEvent.LlmError || event instanceof LlmEvent.MessageStop stop && stop.endOfTurn()) {
        done.complete(null);
      }
    });
    done.get(60, TimeUnit.SECONDS);
    return events;
  }
}
