package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster of real JVMs on 127.0.0.1, started once for the class: a gateway ({@code serve
 * --cluster --roles gateway}) and two workers ({@code worker --cluster --roles stt,tts,llm --llm
 * demo}). The tests run in order, as one story: a spoken question is recognized, answered and
 * spoken by the workers, and work spreads over both; one is killed
 * with SIGKILL mid-answer and the next turn works; a worker that joins later takes work; a
 * member of another version is refused; with no worker left requests get 429; the gateway
 * going away closes its sessions with a code and a reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterTest {
  private static final String QUESTION = "{\"model\":\"x\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about Paris.\"}]}";
  private static Path dir;
  private static Vertx vertx;
  private static ClusterMember gateway;
  private static ClusterMember first;
  private static ClusterMember second;
  private static ClusterMember late;
  private static String url;
  private static int port;
  private static ClusterMember survivor;
  private static ClusterMember remaining;
  private static VoiceClient heldSession;

  @BeforeAll
  static void startCluster() throws Exception {
    dir = Files.createTempDirectory("voice-cluster");
    vertx = Vertx.vertx();
    gateway = ClusterMember.start("gateway", dir, List.of(), "serve", "--port", "0", "--cluster", "--roles", "gateway");
    first = worker("first", gateway.address());
    second = worker("second", gateway.address());
    String listening = gateway.firstLine();
    assertThat(listening).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    port = Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
    url = "http://127.0.0.1:" + port;
    assertThat(first.firstLine()).startsWith("joined the cluster at " + first.address() + " as stt,tts,llm");
    assertThat(second.firstLine()).startsWith("joined the cluster at " + second.address() + " as stt,tts,llm");
    awaitMembers(3);
  }

  private static ClusterMember worker(String name, String members) throws Exception {
    return ClusterMember.start(name, dir, List.of(), "worker", "--cluster", "--roles", "stt,tts,llm", "--llm", "demo",
        "--cluster-members", members);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (ClusterMember member : new ClusterMember[] {late, second, first, gateway}) {
      if (member != null) {
        member.close();
      }
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  @Order(1)
  void workSpreadsOverBothWorkers() throws Exception {
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> answer = Http.post(url + "/v1/chat/completions", null, QUESTION);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.body()).contains("Paris is the capital of France");
    }
    try (VoiceClient client = VoiceClient.open(vertx, port, null)) {
      client.sendRealtime(SpeechAudio.concat(SpeechAudio.goForward(), SpeechAudio.silence(1500)));
      // Recognized on a worker: the words, streamed there in real time, came back as the final.
      assertThat(client.await("stt.final", VoiceClient.type("stt.final")).getString("text")).contains("forward");
      client.await("tts.chunk", VoiceClient.type("tts.chunk"));
      // A second of the voice synthesized elsewhere is heard; the whole answer is the next test's.
      Eventually.await("a second of audio", 60, () -> client.audioBytes.get() > 96_000);
      client.sendText(new JsonObject().put("type", "interrupt").encode());
      List<JsonObject> turn = turnEnd(client, 0);
      assertThat(ofType(turn, "audio.stop")).singleElement().satisfies(e -> assertThat(e.getString("reason")).isEqualTo("cancelled"));
      assertThat(ofType(turn, "llm.error")).isEmpty();
    }
    // Round robin: two text answers and a spoken one reached both members.
    assertThat(first.accepted("llm") + first.accepted("tts")).isPositive();
    assertThat(second.accepted("llm") + second.accepted("tts")).isPositive();
    assertThat(first.accepted("stt") + second.accepted("stt")).isPositive();
    // The interrupt reached the member writing the answer: it closed its upstream request.
    Eventually.await("a call cancelled on a worker", 30, () -> cancelled(first) + cancelled(second) > 0);
  }

  @Test
  @Order(2)
  void aWorkerKilledMidAnswerIsReplacedAndTheNextTurnWorks() throws Exception {
    try (VoiceClient client = VoiceClient.open(vertx, port, null)) {
      long firstLlm = first.accepted("llm");
      long secondLlm = second.accepted("llm");
      int from = client.events.size();
      client.sendText(new JsonObject().put("type", "text").put("text", "Tell me about Paris.").encode());
      client.awaitAfter(from, "tts.chunk", VoiceClient.type("tts.chunk"));
      // The member writing this answer is the one that just accepted an llm call.
      Eventually.await("an llm call accepted", 30, () -> first.accepted("llm") + second.accepted("llm") > firstLlm + secondLlm);
      ClusterMember writer = first.accepted("llm") > firstLlm ? first : second;
      survivor = writer == first ? second : first;
      writer.kill();
      List<JsonObject> killed = turnEnd(client, from);
      List<JsonObject> errors = ofType(killed, "llm.error");
      assertThat(errors).as(types(killed).toString()).hasSizeLessThanOrEqualTo(1);
      if (errors.isEmpty()) {
        assertThat(ofType(killed, "audio.stop")).singleElement().satisfies(e -> assertThat(e.getString("reason")).isEqualTo("done"));
      } else {
        assertThat(errors.get(0).getString("error_type")).isEqualTo("worker_lost");
      }
      long survivorLlm = survivor.accepted("llm");
      List<JsonObject> next = answer(client, "And about Lyon?");
      assertThat(ofType(next, "llm.error")).isEmpty();
      assertThat(ofType(next, "audio.stop")).singleElement().satisfies(e -> assertThat(e.getString("reason")).isEqualTo("done"));
      assertThat(ofType(next, "tts.chunk")).isNotEmpty();
      assertThat(survivor.accepted("llm")).isGreaterThan(survivorLlm);
      String own = client.ofType("session.start").get(0).getString("session") + "-";
      assertThat(client.events).allSatisfy(e -> assertThat(e.getString("turn") == null || e.getString("turn").startsWith(own)).isTrue());
    }
  }

  @Test
  @Order(3)
  void aWorkerThatJoinsLaterTakesWork() throws Exception {
    late = worker("late", gateway.address() + "," + survivor.address());
    assertThat(late.firstLine()).startsWith("joined the cluster at " + late.address());
    awaitMembers(3);
    for (int i = 0; i < 4; i++) {
      HttpResponse<String> answer = Http.post(url + "/v1/chat/completions", null, QUESTION);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
    assertThat(late.accepted("llm")).isPositive();
  }

  @Test
  @Order(4)
  void aWorkerKilledMidUtteranceIsReplacedByAnotherThatHearsItWhole() throws Exception {
    try (VoiceClient client = VoiceClient.open(vertx, port, null)) {
      long lateBefore = late.accepted("stt");
      long survivorBefore = survivor.accepted("stt");
      long retries = health().getJsonObject("cluster").getJsonObject("retries").getLong("stt");
      client.sendRealtime(SpeechAudio.concat(SpeechAudio.goForward(), SpeechAudio.silence(1500)));
      Eventually.await("an stt call accepted", 30,
          () -> late.accepted("stt") > lateBefore || survivor.accepted("stt") > survivorBefore);
      ClusterMember listener = late.accepted("stt") > lateBefore ? late : survivor;
      boolean finalBeforeKill = !client.ofType("stt.final").isEmpty();
      listener.kill();
      remaining = listener == late ? survivor : late;
      assertThat(client.await("stt.final", VoiceClient.type("stt.final")).getString("text")).contains("forward");
      if (!finalBeforeKill) {
        // The utterance was recognized again, whole, by the member left.
        assertThat(health().getJsonObject("cluster").getJsonObject("retries").getLong("stt")).isGreaterThan(retries);
      }
    }
  }

  @Test
  @Order(5)
  void aMemberOfAnotherVersionIsRefused() throws Exception {
    ClusterMember old = ClusterMember.start("old", dir, List.of("-Dvoice-agent.cluster.version=0.0.9"),
        "worker", "--cluster", "--roles", "llm", "--llm", "demo", "--cluster-members", gateway.address());
    assertThat(old.waitForExit()).isEqualTo(1);
    assertThat(old.log().lines().filter(l -> l.startsWith("voice-agent: ")).toList()).singleElement().asString()
        .matches("voice-agent: refused by the cluster: member 127\\.0\\.0\\.1:\\d+ runs voice-agent 0\\.1\\.0, this node 0\\.0\\.9;"
            + " run the same voice-agent version on every member");
    assertThat(old.log()).doesNotContain("Exception", "\tat ");
    HttpResponse<String> answer = Http.post(url + "/v1/chat/completions", null, QUESTION);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void withNoWorkerLeftRequestsGet429WithRetryAfter() throws Exception {
    heldSession = VoiceClient.open(vertx, port, null);
    remaining.close();
    Eventually.await("the workers gone", 60, () -> !health().getJsonObject("cluster").getBoolean("llm"));
    HttpResponse<String> refused = Http.post(url + "/v1/chat/completions", null, QUESTION);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).hasValue("5");
    assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("message"))
        .isEqualTo("no cluster member offers llm now; retry later");
    Throwable upgrade = VoiceClient.connect(vertx, port, null).toCompletionStage().toCompletableFuture()
        .handle((ok, failure) -> failure).get(20, TimeUnit.SECONDS);
    assertThat(upgrade).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) upgrade).getStatus()).isEqualTo(429);
  }

  @Test
  @Order(7)
  void theGatewayGoingAwayClosesItsSessionsWithACodeAndAReason() throws Exception {
    gateway.close();
    Eventually.await("the session closed", 30, heldSession::isClosed);
    assertThat(heldSession.closeStatus()).isEqualTo((short) 1001);
    assertThat(heldSession.closeReason()).isEqualTo("server shutting down");
  }

  /** Asks by text and returns the turn's events, up to its {@code metrics} event. */
  private static List<JsonObject> answer(VoiceClient client, String text) throws Exception {
    int from = client.events.size();
    client.sendText(new JsonObject().put("type", "text").put("text", text).encode());
    return turnEnd(client, from);
  }

  private static List<JsonObject> turnEnd(VoiceClient client, int from) throws Exception {
    client.awaitAfter(from, "metrics", VoiceClient.type("metrics"));
    return List.copyOf(client.events.subList(from, client.events.size()));
  }

  private static long cancelled(ClusterMember member) {
    try {
      return member.log().lines().filter(l -> l.contains("cancelled by its caller")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<JsonObject> ofType(List<JsonObject> events, String type) {
    return events.stream().filter(VoiceClient.type(type)).toList();
  }

  private static List<String> types(List<JsonObject> events) {
    return events.stream().map(e -> e.getString("type")).toList();
  }

  /** The gateway's {@code /health}; its {@code cluster} part empty while it cannot be read. */
  private static JsonObject health() {
    try {
      return new JsonObject(Http.get(url + "/health", null).body());
    } catch (Exception e) {
      return new JsonObject().put("cluster", new JsonObject().put("members", 0).put("tts", false).put("llm", false)
          .put("stt", false));
    }
  }

  private static void awaitMembers(int members) throws Exception {
    Eventually.await(members + " members offering stt, tts and llm", 90, () -> {
      JsonObject cluster = health().getJsonObject("cluster");
      return cluster.getInteger("members") == members && cluster.getBoolean("tts") && cluster.getBoolean("llm")
          && cluster.getBoolean("stt");
    });
  }
}
