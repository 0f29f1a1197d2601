package voice.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static voice.tts.BusRecorder.audioOf;
import static voice.tts.BusRecorder.chunkEnd;
import static voice.tts.BusRecorder.last;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.event.AgentEvent;
import voice.core.message.AudioChunk;
import voice.core.message.PlaybackProgress;
import voice.core.message.TextChunk;
import voice.core.message.TurnCancel;
import voice.core.stage.StageThreads;
import voice.tts.mary.MaryTtsEngine;

/** The verticle as a pipeline stage: messages in, messages out, speaking with real MaryTTS. */
class TtsVerticleTest {
  private static final String SCOPE = "test";
  private static final String REFUSED = "Refuse this sentence.";
  private static MaryTtsEngine mary;
  private final StageThreads threads = new StageThreads(SCOPE);

  private Vertx vertx;
  private RecordingEngine engine;
  private BusRecorder out;

  @BeforeAll
  static void startMary() {
    mary = MaryTtsEngine.start();
  }

  @BeforeEach
  void deploy() throws Exception {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
    engine = new RecordingEngine(mary, REFUSED);
    out = new BusRecorder(vertx, SCOPE);
    await(vertx.deployVerticle(new TtsVerticle(engine, SCOPE, threads.single("tts"))));
  }

  @AfterEach
  void close() throws Exception {
    await(vertx.close());
    threads.close();
  }

  @Test
  void everyChunkEndsWithChunkEndAndTheTurnWithLast() throws Exception {
    text("t1", 0, "**Hello** there.", false);
    text("t1", 1, "```\nnothing to say\n```", false);
    text("t1", 2, "How are you today?", true);
    out.await(last("t1"));

    List<AudioChunk> audio = out.audio("t1");
    assertThat(audio).extracting(AudioChunk::sampleRate).containsOnly(mary.sampleRate());
    assertThat(audio).extracting(AudioChunk::index).isSorted();
    assertThat(audio.stream().filter(AudioChunk::chunkEnd).map(AudioChunk::index)).containsExactly(0, 1, 2);
    AudioChunk finalOne = audio.get(audio.size() - 1);
    assertThat(finalOne.last()).isTrue();
    assertThat(audio.subList(0, audio.size() - 1)).noneMatch(AudioChunk::last);
    // Within a chunk, chunkEnd is its last piece.
    for (int i = 0; i + 1 < audio.size() - 1; i++) {
      if (audio.get(i).chunkEnd()) {
        assertThat(audio.get(i + 1).index()).isGreaterThan(audio.get(i).index());
      }
    }
    assertThat(seconds(audio, 0)).isGreaterThan(0.4);
    assertThat(seconds(audio, 2)).isGreaterThan(0.6);
    // Nothing speakable in chunk 1: one empty piece keeps playback progress in step.
    assertThat(audio.stream().filter(a -> a.index() == 1))
        .singleElement().satisfies(a -> assertThat(a.pcm().length()).isZero());

    assertThat(out.events("t1")).extracting(AgentEvent::type).containsOnly("tts.chunk");
    assertThat(out.events("t1")).extracting(e -> e.fields().get("index"), e -> e.fields().get("text"))
        .containsExactly(tuple(0, "**Hello** there."), tuple(2, "How are you today?"));
  }

  @Test
  void eachChunkEventSaysExactlyWhatTheEngineWasGiven() throws Exception {
    text("t1", 0, "See https://example.com/docs?x=1 first.", false);
    text("t1", 1, "It takes **2-3 min**.", true);
    out.await(last("t1"));

    assertThat(engine.spoken()).containsExactly("See example.com first.", "It takes 2-3 minutes.");
    assertThat(out.events("t1")).extracting(e -> e.fields().get("text"), e -> e.fields().get("spoken"))
        .containsExactly(tuple("See https://example.com/docs?x=1 first.", "See example.com first."),
            tuple("It takes **2-3 min**.", "It takes 2-3 minutes."));
  }

  @Test
  void withoutPlaybackProgressNothingBeyondChunkTwoIsSynthesized() throws Exception {
    for (int i = 0; i <= 5; i++) {
      text("t1", i, "Sentence number " + i + ".", i == 5);
    }
    out.await(chunkEnd("t1", 2));
    // Had chunk 3 started when chunk 2 ended, it would reach the engine before the next turn.
    cancel("t1");
    text("t2", 0, "Next turn.", true);
    out.await(last("t2"));

    assertThat(engine.spoken())
        .containsExactly("Sentence number 0.", "Sentence number 1.", "Sentence number 2.", "Next turn.");
    assertThat(out.audio("t1")).allMatch(a -> a.index() <= 2).noneMatch(AudioChunk::last);
  }

  @Test
  void playbackProgressReleasesTheFollowingChunks() throws Exception {
    for (int i = 0; i <= 5; i++) {
      text("t1", i, "Part " + i + ".", i == 5);
    }
    out.await(chunkEnd("t1", 2));
    for (int played = 0; played <= 2; played++) {
      publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", played, 0));
      out.await(chunkEnd("t1", played + 3));
    }
    out.await(last("t1"));

    assertThat(out.audio("t1").stream().filter(AudioChunk::chunkEnd).map(AudioChunk::index))
        .containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(engine.spoken()).hasSize(6);
    // The engine learns how soon each chunk will be heard (a shared engine serves the soonest first).
    assertThat(engine.chunksAhead()).containsExactly(0, 1, 2, 2, 2, 2);
  }

  @Test
  void cancelStopsTheTurnsAudioAndLaterChunksOfItAreIgnored() throws Exception {
    for (int i = 0; i <= 4; i++) {
      text("t1", i, "This is the rather long sentence number " + i + " of a turn that will be interrupted.", i == 4);
    }
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.chunkDone("t1", 2, 0));
    out.await(audioOf("t1"));
    cancel("t1");
    text("t1", 5, "Too late.", true);
    text("t2", 0, "Fresh start.", true);
    out.await(last("t2"));

    List<Object> all = out.messages();
    int firstOfT2 = indexOfFirst(all, "t2");
    assertThat(all.subList(firstOfT2, all.size())).noneMatch(m -> m instanceof AudioChunk a && a.turn().equals("t1"));
    assertThat(out.audio("t1")).noneMatch(AudioChunk::last);
    assertThat(engine.spoken()).doesNotContain("Too late.").contains("Fresh start.");
  }

  @Test
  void whenTheSinkStopsATurnItsRemainingChunksAreDropped() throws Exception {
    for (int i = 0; i <= 4; i++) {
      text("t1", i, "Chunk " + i + ".", i == 4);
    }
    out.await(chunkEnd("t1", 2));
    publish(Addresses.PLAYBACK_PROGRESS, PlaybackProgress.stopped("t1", 0, 900, new PlaybackProgress.Stop("error", 0, true, 0)));
    text("t2", 0, "Next turn.", true);
    out.await(last("t2"));

    assertThat(engine.spoken()).containsExactly("Chunk 0.", "Chunk 1.", "Chunk 2.", "Next turn.");
    assertThat(out.audio("t1")).noneMatch(AudioChunk::last);
  }

  @Test
  void aChunkTheEngineFailsOnIsSkipped() throws Exception {
    text("t1", 0, REFUSED, false);
    text("t1", 1, "But say this one.", true);
    out.await(last("t1"));

    List<AudioChunk> audio = out.audio("t1");
    assertThat(audio.stream().filter(a -> a.index() == 0))
        .singleElement().satisfies(a -> assertThat(a.chunkEnd()).isTrue())
        .satisfies(a -> assertThat(a.pcm().length()).isZero());
    assertThat(seconds(audio, 1)).isGreaterThan(0.5);
    assertThat(audio.get(audio.size() - 1).last()).isTrue();
  }

  @Test
  void aChunkOfACancelledTurnSaidAgainComesFromTheRecentAudioWithoutTheEngine() throws Exception {
    text("t0", 0, "There was a fox.", true);
    out.await(last("t0"));
    text("t1", 0, "There was a fox.", true);
    out.await(last("t1"));
    assertThat(engine.spoken()).as("a turn that was not cancelled is not said from memory")
        .containsExactly("There was a fox.", "There was a fox.");
    cancel("t1");
    // A resumed answer says again the chunk that was being heard when the voice stopped.
    text("t2", 0, "There was a fox.", false);
    text("t2", 1, "It ran away.", true);
    out.await(last("t2"));

    assertThat(engine.spoken()).as("the engine was not asked again")
        .containsExactly("There was a fox.", "There was a fox.", "It ran away.");
    byte[] first = pcm(out.audio("t1"), 0);
    assertThat(first).isNotEmpty();
    assertThat(pcm(out.audio("t2"), 0)).isEqualTo(first);
    assertThat(out.audio("t2").stream().filter(a -> a.index() == 0).filter(AudioChunk::chunkEnd)).hasSize(1);
    assertThat(out.events("t2")).extracting(e -> e.fields().get("index")).containsExactly(0, 1);
  }

  private static byte[] pcm(List<AudioChunk> audio, int index) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    audio.stream().filter(a -> a.index() == index).forEach(a -> bytes.writeBytes(a.pcm().getBytes()));
    return bytes.toByteArray();
  }

  private void text(String turn, int index, String text, boolean last) {
    publish(Addresses.TTS_TEXT, new TextChunk(turn, index, text, last));
  }

  private void cancel(String turn) {
    publish(Addresses.TURN_CANCEL, new TurnCancel(turn, TurnCancel.Reason.bargein));
  }

  private void publish(String base, Object message) {
    vertx.eventBus().publish(Addresses.scoped(base, SCOPE), message);
  }

  private static double seconds(List<AudioChunk> audio, int index) {
    return audio.stream().filter(a -> a.index() == index).mapToInt(a -> a.pcm().length()).sum()
        / 2.0 / mary.sampleRate();
  }

  private static int indexOfFirst(List<Object> messages, String turn) {
    for (int i = 0; i < messages.size(); i++) {
      Object m = messages.get(i);
      if ((m instanceof AudioChunk a && a.turn().equals(turn)) || (m instanceof AgentEvent e && e.turn().equals(turn))) {
        return i;
      }
    }
    throw new AssertionError("nothing of " + turn);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(BusRecorder.WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
