package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.server.VoiceClient.type;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import voice.agent.demo.PacedOpenAiServer;

/** /v1/voice from a program: real speech in real time, PocketSphinx, the model, MaryTTS, audio back. */
class VoiceSessionTest {
  private static final String KEY = "k-voice";
  private static final List<String> ANSWER = List.of("Going", " forward", " ten", " meters", " now", ".", " I",
      " will", " tell", " you", " when", " I", " get", " there", ".");

  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, ANSWER, 30, 50);
    server = TestServers.start(ServerSettings.defaults().withAccess(List.of(KEY), 0, 2), upstream);
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void previousSessionsEnded() throws Exception {
    Eventually.await("earlier sessions to end", 20, () -> {
      try {
        return Http.get(server.url() + "/health", null).body().contains("\"sessions\":0");
      } catch (Exception e) {
        return false;
      }
    });
  }

  @Test
  void aSpokenQuestionIsRecognizedAnsweredAndSpoken() throws Exception {
    try (VoiceClient client = VoiceClient.open(vertx, server.port(), KEY)) {
      JsonObject start = client.ofType("session.start").get(0);
      assertThat(start.getJsonObject("input").getInteger("sample_rate")).isEqualTo(16000);
      assertThat(start.getJsonObject("output").getInteger("sample_rate")).isEqualTo(48000);

      client.sendRealtime(SpeechAudio.concat(SpeechAudio.goForward(), SpeechAudio.silence(1500))).await();
      JsonObject heard = client.await("stt.final", type("stt.final"));
      assertThat(heard.getString("text")).contains("forward");
      JsonObject stop = client.await("audio.stop", type("audio.stop"));
      assertThat(stop.getString("reason")).isEqualTo("done");
      JsonObject metrics = client.await("metrics", type("metrics"));
      assertThat(metrics.getDouble("voice_to_voice_ms")).isPositive();
      assertThat(metrics.getDouble("ttfa_ms")).isPositive();

      assertThat(client.types()).contains("capture.start", "vad.speech_start", "stt.partial", "vad.speech_end",
          "llm.request", "llm.text_delta", "tts.chunk", "audio.start");
      String said = String.join("", client.ofType("llm.text_delta").stream().map(e -> e.getString("text")).toList());
      assertThat(said).isEqualTo(String.join("", ANSWER));
      assertThat(client.audioBytes.get()).isGreaterThan(48000 * 2); // more than a second of 48 kHz audio
      assertThat(upstream.requestBodies().get(upstream.requestBodies().size() - 1)).contains(heard.getString("text"));
    }
    String metrics = Http.get(server.url() + "/metrics", KEY).body();
    assertThat(metrics).contains("voice_agent_voice_to_voice_milliseconds_count{source=\"voice\"}");
  }

  @Test
  void speechSentLateInOneFrameIsTimedFromWhenItWasSaid() throws Exception {
    // The web page keeps what is said while the session starts and sends it as one frame once it
    // is ready: here 2 s of audio that arrive at once, then the rest in real time.
    short[] speech = SpeechAudio.concat(SpeechAudio.silence(300), SpeechAudio.goForward(), SpeechAudio.silence(1500));
    int early = 32_000; // 2 s at 16 kHz, within the 64 KiB frame limit
    try (VoiceClient client = VoiceClient.open(vertx, server.port(), KEY)) {
      client.sendBinary(SpeechAudio.bytes(speech, 0, early));
      client.sendRealtime(java.util.Arrays.copyOfRange(speech, early, speech.length)).await();
      JsonObject metrics = client.await("metrics", type("metrics"));
      // The request leaves after the speech ended: voice to voice spans more than request to first audio.
      assertThat(metrics.getDouble("voice_to_voice_ms")).isGreaterThan(metrics.getDouble("ttfa_ms"));
    }
  }

  @Test
  void theStopMessageInterruptsTheAnswer() throws Exception {
    try (VoiceClient client = VoiceClient.open(vertx, server.port(), KEY)) {
      client.sendText("{\"type\":\"text\",\"text\":\"Where are you going?\"}");
      client.await("audio.start", type("audio.start"));
      client.sendText("{\"type\":\"interrupt\"}");
      assertThat(client.await("turn.cancelled", type("turn.cancelled")).getString("reason")).isEqualTo("cancelled");
      assertThat(client.await("audio.stop", type("audio.stop")).getString("reason")).isEqualTo("cancelled");
    }
  }

  @Test
  void speakingOverTheAnswerBargesIn() throws Exception {
    try (VoiceClient client = VoiceClient.open(vertx, server.port(), KEY)) {
      // As the web page does, the microphone streams from the start; the user speaks a second
      // into the answer (the echo gate learns what the loudspeaker adds from the first ones).
      client.sendRealtime(SpeechAudio.silence(500)).await();
      client.sendText("{\"type\":\"text\",\"text\":\"Where are you going?\"}");
      client.await("audio.start", type("audio.start"));
      client.sendRealtime(SpeechAudio.concat(SpeechAudio.silence(1000), SpeechAudio.goForward(), SpeechAudio.silence(300)));
      JsonObject bargeIn = client.await("turn.bargein", type("turn.bargein"));
      assertThat(client.await("audio.stop", type("audio.stop")).getString("reason")).isEqualTo("bargein");
      JsonObject metrics = client.await("metrics", e -> "metrics".equals(e.getString("type"))
          && bargeIn.getString("turn").equals(e.getString("turn")));
      assertThat(metrics.getDouble("bargein_ms")).isNotNull();
    }
  }

  @Test
  void twoSessionsAtOnceDoNotCrossTalkAndAThirdIsRefused() throws Exception {
    try (VoiceClient a = VoiceClient.open(vertx, server.port(), KEY);
        VoiceClient b = VoiceClient.open(vertx, server.port(), KEY)) {
      var refused = VoiceClient.connect(vertx, server.port(), KEY).toCompletionStage().toCompletableFuture();
      assertThat(refused).failsWithin(java.time.Duration.ofSeconds(30)).withThrowableThat()
          .havingRootCause().isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(429));

      var sentA = a.sendRealtime(SpeechAudio.concat(SpeechAudio.goForward(), SpeechAudio.silence(1500)));
      var sentB = b.sendRealtime(SpeechAudio.concat(SpeechAudio.something(), SpeechAudio.silence(1500)));
      sentA.await();
      sentB.await();
      a.await("A's answer audio", type("audio.stop"));
      b.await("B's answer audio", type("audio.stop"));

      String heardA = String.join(" ", a.ofType("stt.final").stream().map(e -> e.getString("text")).toList());
      String heardB = String.join(" ", b.ofType("stt.final").stream().map(e -> e.getString("text")).toList());
      assertThat(heardA).contains("forward").doesNotContain("something");
      assertThat(heardB).contains("something").doesNotContain("forward");
      String sessionA = a.ofType("session.start").get(0).getString("session");
      String sessionB = b.ofType("session.start").get(0).getString("session");
      assertThat(a.events).filteredOn(e -> e.getString("turn") != null)
          .allSatisfy(e -> assertThat(e.getString("turn")).startsWith(sessionA + "-"));
      assertThat(b.events).filteredOn(e -> e.getString("turn") != null)
          .allSatisfy(e -> assertThat(e.getString("turn")).startsWith(sessionB + "-"));
      assertThat(a.audioBytes.get()).isPositive();
      assertThat(b.audioBytes.get()).isPositive();
    }
  }

  @Test
  void badInputGetsAnErrorEventAndTheSessionAndOthersGoOn() throws Exception {
    try (VoiceClient bad = VoiceClient.open(vertx, server.port(), KEY);
        VoiceClient other = VoiceClient.open(vertx, server.port(), KEY)) {
      bad.sendBinary(new byte[101]);
      assertThat(bad.await("odd frame error", type("error")).getString("error_type")).isEqualTo("bad_audio_frame");
      int mark = bad.events.size();
      bad.sendBinary(new byte[70_000]);
      assertThat(bad.awaitAfter(mark, "large frame error", type("error")).getString("error_type")).isEqualTo("audio_frame_too_large");
      mark = bad.events.size();
      bad.sendText("{not json");
      assertThat(bad.awaitAfter(mark, "bad json error", type("error")).getString("error_type")).isEqualTo("bad_json");
      mark = bad.events.size();
      bad.sendText("{\"type\":\"dance\"}");
      assertThat(bad.awaitAfter(mark, "unknown type error", type("error")).getString("message")).contains("dance");
      mark = bad.events.size();
      bad.sendText("{\"type\":\"session.update\",\"output_sample_rate\":5}");
      assertThat(bad.awaitAfter(mark, "bad setting error", type("error")).getString("message")).contains("output_sample_rate");

      // Still a working session, now with 16 kHz answer audio.
      bad.sendText("{\"type\":\"session.update\",\"output_sample_rate\":16000}");
      assertThat(bad.await("session.updated", type("session.updated")).getJsonObject("output").getInteger("sample_rate")).isEqualTo(16000);
      bad.sendText("{\"type\":\"text\",\"text\":\"Where are you going?\"}");
      assertThat(bad.await("audio.stop", type("audio.stop")).getString("reason")).isEqualTo("done");
      assertThat(bad.audioBytes.get()).isPositive();

      other.sendText("{\"type\":\"text\",\"text\":\"Where are you going?\"}");
      assertThat(other.await("audio.stop", type("audio.stop")).getString("reason")).isEqualTo("done");
      assertThat(other.ofType("error")).isEmpty();
    }
  }

  @Test
  void aSocketWithoutTheKeyIsRefusedWith401() {
    var refused = VoiceClient.connect(vertx, server.port(), null).toCompletionStage().toCompletableFuture();
    assertThat(refused).failsWithin(java.time.Duration.ofSeconds(30)).withThrowableThat()
        .havingRootCause().isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(401));
  }

  @Test
  void anEchoGateSettingOtherThanOnOrOffIsRefusedWith400() {
    var refused = VoiceClient.connect(vertx, server.port(), KEY, "/v1/voice?echo_gate=maybe").toCompletionStage().toCompletableFuture();
    assertThat(refused).failsWithin(java.time.Duration.ofSeconds(30)).withThrowableThat()
        .havingRootCause().isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(400));
  }
}
