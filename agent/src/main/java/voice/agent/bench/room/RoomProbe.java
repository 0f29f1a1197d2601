package voice.agent.bench.room;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import voice.agent.pipeline.Listening;
import voice.agent.pipeline.VoicePipeline;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.turn.TurnOptions;
import voice.llm.LlmClient;
import voice.llm.LlmClients;
import voice.llm.LlmConfig;
import voice.stt.Recognizer;
import voice.stt.SttOptions;
import voice.stt.WordErrorRate;
import voice.stt.echo.AecMode;
import voice.stt.echo.EchoFigures;
import voice.tts.SpeechEngine;

/**
 * Users at several levels against the echo, interrupting the agent in the {@link LoudspeakerRoom}
 * (echo -10 dB with a reflection and noise, one room delay per session among {@link #DELAYS_MS}).
 * Each session plays a first answer through (the canceller fits the room), then asks again; for
 * each answer the user speaks over it 1.5-3.5 s after it starts, and their words become the next
 * question; at the end the user says the same words in silence. An interruption before the
 * user's first word is a false barge-in.
 */
public final class RoomProbe {
  public static final int[] DELAYS_MS = {20, 90, 200};
  private static final double ECHO_DB = -10;
  private static final double NOISE_RMS = 40;
  private static final long[] OFFSETS_MS = {1500, 2500, 3500, 2000, 3000};
  private static final long TIMEOUT_MS = 60_000;
  private static final int ANSWERS_PER_SESSION = 4;

  /** The user's words: a recording (16 kHz mono), where speech begins in it, and what it says. */
  public record User(short[] pcm, long onsetMs, String text) {}

  private final Vertx vertx;
  private final SpeechEngine tts;
  private final Recognizer recognizer;
  private final String llmBaseUrl;
  private final User user;
  private final AecMode aec;
  private final PrintStream progress;
  private int scopes;

  public RoomProbe(Vertx vertx, SpeechEngine tts, Recognizer recognizer, String llmBaseUrl, User user, AecMode aec,
      PrintStream progress) {
    this.vertx = vertx;
    this.tts = tts;
    this.recognizer = recognizer;
    this.llmBaseUrl = llmBaseUrl;
    this.user = user;
    this.aec = aec;
    this.progress = progress;
  }

  /** Runs {@code answers} answers at each level, level after level (spread over the room delays). */
  public List<RoomLevel> run(List<Double> userDbs, int answers) throws Exception {
    List<Planned> plan = new ArrayList<>();
    for (double userDb : userDbs) {
      int s = 0;
      for (int left = answers; left > 0; left -= ANSWERS_PER_SESSION) {
        double[] session = new double[Math.min(left, ANSWERS_PER_SESSION)];
        java.util.Arrays.fill(session, userDb);
        plan.add(new Planned(DELAYS_MS[s++ % DELAYS_MS.length], session));
      }
    }
    return run(userDbs, plan);
  }

  /**
   * Runs {@code sessions} sessions in which the users take turns, one answer per level in an order
   * that rotates from session to session: every level in every room, with one first answer per
   * session for all of them.
   */
  public List<RoomLevel> runMixed(List<Double> userDbs, int sessions) throws Exception {
    List<Planned> plan = new ArrayList<>();
    for (int s = 0; s < sessions; s++) {
      double[] session = new double[userDbs.size()];
      for (int j = 0; j < session.length; j++) {
        session[j] = userDbs.get((s + j) % session.length);
      }
      plan.add(new Planned(DELAYS_MS[s % DELAYS_MS.length], session));
    }
    return run(userDbs, plan);
  }

  /** A session to run: its room's delay and the user's level over each of its answers. */
  private record Planned(int delayMs, double[] userDbs) {}

  private List<RoomLevel> run(List<Double> userDbs, List<Planned> plan) throws Exception {
    Map<Double, Tally> tallies = new LinkedHashMap<>();
    userDbs.forEach(db -> tallies.put(db, new Tally()));
    for (Planned session : plan) {
      EchoFigures figures = session(session.delayMs(), session.userDbs(), tallies);
      if (figures != null && !Double.isNaN(figures.cancelledDb())) {
        java.util.Arrays.stream(session.userDbs()).distinct().forEach(db -> tallies.get(db).sessionFigures(figures));
      }
    }
    List<RoomLevel> out = new ArrayList<>();
    tallies.forEach((db, t) -> out.add(t.level(db)));
    return out;
  }

  /** What the answers at one level came to. */
  private static final class Tally {
    int answers;
    int falseBargeIns;
    int detected;
    final List<Long> onsetToStop = new ArrayList<>();
    double werOver;
    int heardOver;
    double werSilence;
    int heardSilence;
    double cancelled;
    double cpu;
    int sessions;

    void sessionFigures(EchoFigures figures) {
      cancelled += figures.cancelledDb();
      cpu += figures.cancellerCoreShare();
      sessions++;
    }

    RoomLevel level(double userDb) {
      return new RoomLevel(userDb, answers, falseBargeIns, detected, onsetToStop, werOver / Math.max(1, heardOver),
          heardSilence == 0 ? Double.NaN : werSilence / heardSilence,
          sessions == 0 ? Double.NaN : cancelled / sessions, sessions == 0 ? 0 : cpu / sessions);
    }
  }

  /** A session in a room of {@code delayMs}: a first answer, then one answer per entry of {@code userDbs}, the user at that level. */
  private EchoFigures session(int delayMs, double[] userDbs, Map<Double, Tally> tallies) throws Exception {
    int answers = userDbs.length;
    String scope = "roomprobe" + (++scopes);
    LoudspeakerRoom room = new LoudspeakerRoom(vertx.eventBus(), scope, delayMs, ECHO_DB, NOISE_RMS);
    List<AgentEvent> events = new CopyOnWriteArrayList<>();
    var consumer = vertx.eventBus().<AgentEvent>consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> events.add(m.body()));
    LlmClient llm = LlmClients.create(vertx, LlmConfig.builder("openai", "room").baseUrl(llmBaseUrl).maxRetries(0).build());
    Listening listening = Listening.of(recognizer, SttOptions.DEFAULT.withAec(aec), null).sharingRecognizer();
    VoicePipeline pipeline = VoicePipeline.deploy(vertx, scope, llm, tts, room,
        TurnOptions.defaults().withBargeIn(200, false), listening).await();
    room.start();
    Session session = new Session(events, room);
    try {
      session.sleep(1000); // the room's noise alone first
      // A first answer plays through, as in a kitchen where the assistant has spoken before: the
      // canceller fits the room. It must not interrupt itself either.
      pipeline.ask("Tell me about Paris.");
      AgentEvent first = session.answerStart(0, TIMEOUT_MS);
      if (first != null) {
        session.first("audio.stop", first.turn(), TIMEOUT_MS);
        AgentEvent selfInterrupted = session.first("turn.bargein", first.turn(), 0);
        if (selfInterrupted != null) {
          tallies.get(userDbs[0]).falseBargeIns++;
          progress.printf("room: user %+.0f dB, delay %d ms, first answer: FALSE barge-in at %d ms room time%n", userDbs[0],
              delayMs, selfInterrupted.tMs() - session.captureStartMs());
        }
        session.first("metrics", first.turn(), TIMEOUT_MS); // the turn is over
      }
      pipeline.ask("And the tower?");
      for (int i = 1; i <= answers; i++) {
        AgentEvent start = session.answerStart(i, TIMEOUT_MS);
        if (start == null) {
          break;
        }
        double userDb = userDbs[i - 1];
        Tally tally = tallies.get(userDb);
        session.sleep(1000); // the echo's level is known after a second of the answer
        long onset = session.userSpeaks(start, OFFSETS_MS[(tally.answers) % OFFSETS_MS.length], userDb);
        AgentEvent stop = session.first("audio.stop", start.turn(), TIMEOUT_MS);
        AgentEvent bargeIn = session.first("turn.bargein", start.turn(), 0);
        tally.answers++;
        if (bargeIn != null && bargeIn.tMs() < onset) {
          tally.falseBargeIns++;
        } else if (stop != null && "bargein".equals(stop.fields().get("reason"))) {
          tally.detected++;
          tally.onsetToStop.add(stop.tMs() - onset);
        }
        AgentEvent heard = session.finalAfter(onset, 15_000);
        if (heard != null) {
          tally.werOver += WordErrorRate.of(user.text(), (String) heard.fields().get("text"));
          tally.heardOver++;
        } else {
          tally.werOver += 1;
          tally.heardOver++;
          if (i < answers) {
            pipeline.ask("What else?");
          }
        }
        long roomZero = session.captureStartMs();
        progress.printf("room: user %+.0f dB, delay %d ms, answer %d (user's onset at %d ms room time): %s%n", userDb,
            delayMs, tally.answers, onset - roomZero,
            bargeIn != null && bargeIn.tMs() < onset ? "FALSE barge-in at " + (bargeIn.tMs() - roomZero) + " ms"
                : stop != null && "bargein".equals(stop.fields().get("reason")) ? "stopped " + (stop.tMs() - onset) + " ms after the onset"
                : "not interrupted");
      }
      // The same words in silence, once nothing plays.
      pipeline.cancelCurrent(voice.core.message.TurnCancel.Reason.cancelled);
      session.sleep(2000);
      Tally tally = tallies.get(userDbs[0]);
      long onset = session.userSpeaksNow(userDbs[0]);
      AgentEvent heard = session.finalAfter(onset, 15_000);
      tally.werSilence += heard == null ? 1 : WordErrorRate.of(user.text(), (String) heard.fields().get("text"));
      tally.heardSilence++;
    } finally {
      room.stop();
      pipeline.close().await();
      consumer.unregister().await();
      llm.close();
    }
    return pipeline.echoFigures();
  }

  /** One session's events and its room. */
  private final class Session {
    private final List<AgentEvent> events;
    private final LoudspeakerRoom room;

    Session(List<AgentEvent> events, LoudspeakerRoom room) {
      this.events = events;
      this.room = room;
    }

    void sleep(long ms) throws InterruptedException {
      Thread.sleep(ms);
    }

    /** Schedules the user {@code afterMs} after the answer's start; returns their onset in event time. */
    long userSpeaks(AgentEvent start, long afterMs, double userDb) {
      long captureStart = captureStartMs();
      long atRoomMs = Math.max(room.nowMs() + 100, start.tMs() - captureStart + afterMs);
      room.userSpeaksAt(atRoomMs, user.pcm(), gainDb(userDb));
      return captureStart + atRoomMs + user.onsetMs();
    }

    long userSpeaksNow(double userDb) {
      long atRoomMs = room.nowMs() + 100;
      room.userSpeaksAt(atRoomMs, user.pcm(), gainDb(userDb));
      return captureStartMs() + atRoomMs + user.onsetMs();
    }

    /** The gain that puts the recording's speech {@code userDb} against the echo heard so far. */
    private double gainDb(double userDb) {
      double echoDb = room.echoDb();
      return (Double.isNaN(echoDb) ? 60 : echoDb) + userDb - speechDb(user.pcm());
    }

    private long captureStartMs() {
      return events.stream().filter(e -> e.type().equals("capture.start")).findFirst().map(AgentEvent::tMs).orElse(0L);
    }

    /**
     * The {@code n}th answer's {@code audio.start}: a turn that resumes an interrupted answer
     * (after a false barge-in, say) is the old answer going on, not a new one.
     */
    AgentEvent answerStart(int n, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (true) {
        List<String> resumed = events.stream().filter(e -> e.type().equals("turn.resume")).map(AgentEvent::turn).toList();
        List<AgentEvent> of = events.stream()
            .filter(e -> e.type().equals("audio.start") && !resumed.contains(e.turn())).toList();
        if (of.size() > n) {
          return of.get(n);
        }
        if (System.currentTimeMillis() > deadline) {
          return null;
        }
        Thread.sleep(10);
      }
    }

    AgentEvent first(String type, String turn, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (true) {
        var found = events.stream().filter(e -> e.type().equals(type) && turn.equals(e.turn())).findFirst();
        if (found.isPresent() || System.currentTimeMillis() >= deadline) {
          return found.orElse(null);
        }
        Thread.sleep(10);
      }
    }

    AgentEvent finalAfter(long onsetMs, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (true) {
        var found = events.stream().filter(e -> e.type().equals("stt.final") && e.tMs() > onsetMs).findFirst();
        if (found.isPresent() || System.currentTimeMillis() >= deadline) {
          return found.orElse(null);
        }
        Thread.sleep(10);
      }
    }
  }

  /** The mean square, in dB, of a recording's frames that are speech. */
  static double speechDb(short[] pcm) {
    double sum = 0;
    int frames = 0;
    for (int f = 0; f + 320 <= pcm.length; f += 320) {
      double e = 0;
      for (int i = f; i < f + 320; i++) {
        e += (double) pcm[i] * pcm[i];
      }
      if (e / 320 > 300 * 300) {
        sum += e / 320;
        frames++;
      }
    }
    return 10 * Math.log10(sum / Math.max(1, frames));
  }
}
