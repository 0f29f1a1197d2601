package voice.agent.room;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.agent.bench.room.LoudspeakerRoom;
import voice.agent.bench.room.RoomBench;
import voice.agent.bench.room.RoomLevel;
import voice.agent.bench.room.RoomProbe;
import voice.agent.bench.room.RoomTable;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.agent.pipeline.Listening;
import voice.agent.pipeline.VoicePipeline;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.message.TurnDone;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.SttOptions;
import voice.stt.echo.AecMode;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;
import voice.tts.mary.MaryTtsEngine;

/**
 * A loudspeaker room on the real bus: the agent's answer (local provider, MaryTTS, paced
 * playback) comes back through the microphone delayed, attenuated and with noise, into
 * PocketSphinx behind the echo gate and the orchestrator. The answer must play through without
 * interrupting itself; a user speaking over it must still interrupt it.
 */
class LoudspeakerRoomTest {
  private static final int ECHO_DELAY_MS = 90;
  private static final double ECHO_DB = -10;
  private static final double NOISE_RMS = 40;
  // The user's recording 10 dB up: about 7 dB over the echo at the microphone, where the echo
  // gate (8 dB margin) reliably hears the first word. A user as loud as the echo is heard late
  // when their first word falls on loud echo (about 1 run in 3: 1.7 s); that is the echo
  // canceller's case (issue 14, `--aec`).
  private static final double USER_DB = 10;
  private static Vertx vertx;
  private static PacedOpenAiServer server;
  private static MaryTtsEngine tts;
  private static PocketSphinxRecognizer recognizer;
  private static short[] user;
  private static long userOnsetMs;
  private static int scopes;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    server = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(40), 100, 25).start().await();
    tts = MaryTtsEngine.start();
    recognizer = PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
    byte[] raw = Files.readAllBytes(Path.of("/usr/share/pocketsphinx/test/data/goforward.raw"));
    user = new short[raw.length / 2];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(user);
    userOnsetMs = RoomBench.onsetMs(user);
  }

  @AfterAll
  static void tearDown() {
    recognizer.close();
    server.close().await();
    vertx.close().await();
  }

  /** One conversation in the room: pipeline, recognizer and the room's microphone. */
  private static final class Session implements AutoCloseable {
    final String scope = "room" + (++scopes);
    final LoudspeakerRoom room = new LoudspeakerRoom(vertx.eventBus(), scope, ECHO_DELAY_MS, ECHO_DB, NOISE_RMS);
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final LlmClient llm = LlmClients.create(vertx, LlmConfig.builder("openai", "room").baseUrl(server.baseUrl()).maxRetries(0).build());
    final VoicePipeline pipeline;

    Session(boolean halfDuplex) {
      vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> events.add(m.body()));
      TurnOptions options = TurnOptions.defaults().withBargeIn(200, halfDuplex);
      // The room's microphone publishes the frames; one decoder serves the sessions in turn.
      Listening listening = Listening.of(recognizer, SttOptions.DEFAULT.withAec(AecMode.parse(System.getProperty("room.aec", "off"))), null).sharingRecognizer();
      pipeline = VoicePipeline.deploy(vertx, scope, llm, tts, room, options, listening).await();
      room.start();
    }

    List<AgentEvent> of(String type) {
      return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The first event of {@code type}, waiting up to {@code timeoutMs} for it; null if none came. */
    AgentEvent awaitFirst(String type, long timeoutMs) throws InterruptedException {
      long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
      while (of(type).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      return of(type).isEmpty() ? null : of(type).get(0);
    }

    @Override
    public void close() throws Exception {
      room.stop();
      pipeline.close().await();
      System.out.println("room echo path: " + pipeline.echoFigures());
      llm.close();
    }
  }

  @Test
  void wholeAnswersPlayWithoutInterruptingThemselves() throws Exception {
    try (Session s = new Session(false)) {
      Thread.sleep(1000); // the room's noise alone first
      List<String> outcomes = new ArrayList<>();
      // -Droom.answers=N plays N answers in one session (the three questions in turn), to measure rarer leaks.
      String[] asked = {"Tell me about Paris.", "And the tower?", "What else?"};
      String[] questions = new String[Integer.getInteger("room.answers", asked.length)];
      for (int i = 0; i < questions.length; i++) {
        questions[i] = asked[i % asked.length];
      }
      for (int i = 0; i < questions.length; i++) {
        if (i > 0) {
          Thread.sleep(1500); // the previous answer's echo dies down before the next question
        }
        outcomes.add(s.pipeline.ask(questions[i]).await().outcome());
      }
      // Whatever the echo's tail makes the VAD or the endpointer report is published before the
      // end of the input: the microphone ends after the tail, and recognition confirms the end.
      s.room.endInputAt(s.room.nowMs() + 500);
      assertThat(s.awaitFirst("stt.input_end", 30_000)).as("recognition took in the whole input").isNotNull();
      long t0 = s.of("capture.start").get(0).tMs();
      s.events.stream().filter(e -> !e.type().startsWith("llm.") && !e.type().startsWith("tts.") && !e.type().equals("stt.partial"))
          .forEach(e -> System.out.println("  " + (e.tMs() - t0) + " " + e.type() + " " + e.turn() + " " + e.fields()));
      long played = s.of("audio.stop").size();
      System.out.printf("room: %d answers, %d false barge-ins, %d finals from the echo%n",
          questions.length, s.of("turn.bargein").size(), s.of("stt.final").size());
      assertThat(outcomes).containsOnly("done");
      assertThat(played).isEqualTo(questions.length);
      assertThat(s.of("audio.stop")).allMatch(e -> "done".equals(e.fields().get("reason")));
      assertThat(s.of("turn.bargein")).isEmpty();
      assertThat(s.of("vad.speech_start")).as("the echo is never speech").isEmpty();
      assertThat(s.of("stt.final")).isEmpty();
    }
  }

  @Test
  void aUserSpeakingOverTheAnswerInterruptsIt() throws Exception {
    try (Session s = new Session(false)) {
      Thread.sleep(1000);
      var done = s.pipeline.ask("Tell me about Paris.");
      long userAt = scheduleUserAfterAudioStart(s, 3000);
      TurnDone turn = done.await();
      // The user's utterance ends and becomes the next turn's question.
      assertThat(s.awaitFirst("stt.final", 30_000)).as("the user's words became a transcript").isNotNull();
      assertThat(turn.outcome()).isEqualTo("bargein");
      assertThat(s.of("turn.bargein")).hasSize(1);
      AgentEvent stop = s.of("audio.stop").get(0);
      assertThat(stop.fields().get("reason")).isEqualTo("bargein");
      long captureStart = s.of("capture.start").get(0).tMs();
      long latency = stop.tMs() - (captureStart + userAt + userOnsetMs);
      System.out.println("room: voice stopped " + latency + " ms after the user's onset");
      assertThat(latency).as("stopped after the user began, not before").isPositive();
      assertThat(latency).as("the README's barge-in bound: voice stopped within 400 ms of the onset")
          .isLessThanOrEqualTo(400);
    }
  }

  /**
   * With the canceller, users at 0, -6, -10 and -15 dB against the echo take turns speaking over
   * the answers of three sessions, in rooms with delays of 20, 90 and 200 ms (one answer per level
   * per session, after a first answer played through: 3 answers per level, 12 in all; the long
   * run is {@code bench --room --aec speex --answers 60}). The canceller must take the echo down,
   * at most one answer may interrupt itself, and users at 0 and -6 dB must interrupt every other
   * answer. How fast, and how the quieter users fare, is the bench's to measure.
   */
  @Test
  void usersAtEachLevelInterruptTheAnswer() throws Exception {
    RoomProbe probe = new RoomProbe(vertx, tts, recognizer, server.baseUrl(),
        new RoomProbe.User(user, userOnsetMs, "go forward ten meters"), AecMode.SPEEX, System.out);
    List<RoomLevel> levels = probe.runMixed(RoomBench.LEVELS, Integer.getInteger("room.sessions", RoomProbe.DELAYS_MS.length));
    System.out.print(RoomTable.render(levels));
    assertThat(levels).allSatisfy(l -> assertThat(l.cancelledDb()).as("echo taken off, user %.0f dB", l.userDb())
        .isGreaterThan(6));
    // The bench saw one false barge-in in about 150 answers: more than one in these 15 (first
    // answers included) is a fault, not chance.
    assertThat(levels.stream().mapToInt(RoomLevel::falseBargeIns).sum()).as("answers that interrupted themselves")
        .isLessThanOrEqualTo(1);
    for (RoomLevel loud : levels.subList(0, 2)) {
      assertThat(loud.detected() + loud.falseBargeIns()).as("a user at %.0f dB interrupts every answer", loud.userDb())
          .isGreaterThanOrEqualTo(loud.answers());
    }
  }

  @Test
  void halfDuplexIgnoresEvenAUserWhileTheAnswerPlays() throws Exception {
    try (Session s = new Session(true)) {
      Thread.sleep(1000);
      var done = s.pipeline.ask("Tell me about Paris.");
      scheduleUserAfterAudioStart(s, 3000);
      assertThat(done.await().outcome()).isEqualTo("done");
      assertThat(s.of("turn.bargein")).isEmpty();
      assertThat(s.of("audio.stop").get(0).fields().get("reason")).isEqualTo("done");
    }
  }

  /** Waits for the answer's audio to start, then places the user in the room {@code afterMs} later; returns the room time. */
  private static long scheduleUserAfterAudioStart(Session s, long afterMs) throws InterruptedException {
    while (s.of("audio.start").isEmpty()) {
      Thread.sleep(10);
    }
    long at = s.room.nowMs() + afterMs;
    s.room.userSpeaksAt(at, user, USER_DB);
    return at;
  }
}
