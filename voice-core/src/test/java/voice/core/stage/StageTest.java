package voice.core.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.core.bus.Addresses;
import voice.core.bus.Codecs;
import voice.core.message.TextChunk;
import voice.core.message.TurnCancel;

class StageTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    Codecs.register(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void messagesOfACancelledTurnAreDroppedAfterItsCancel() throws Exception {
    Stage stage = Stage.of("s1");
    BlockingQueue<TextChunk> seen = new LinkedBlockingQueue<>();
    var bus = vertx.eventBus();
    stage.turnConsumer(bus, Addresses.TTS_TEXT, TextChunk::turn, seen::add).completion().await();
    stage.cancelConsumer(bus, cancel -> { }).completion().await();

    bus.publish("voice.turn.cancel.s1", new TurnCancel("t1", TurnCancel.Reason.bargein));
    bus.publish("voice.tts.text.s1", new TextChunk("t1", 0, "dropped", false));
    bus.publish("voice.tts.text.s1", new TextChunk("t2", 0, "kept", false));
    bus.publish(Addresses.TTS_TEXT, new TextChunk("t2", 1, "other scope", false));

    assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(new TextChunk("t2", 0, "kept", false));
    assertThat(stage.cancelReason("t1")).isEqualTo(TurnCancel.Reason.bargein);
    assertThat(stage.isCancelled("t2")).isFalse();
    assertThat(stage.address(Addresses.TTS_TEXT)).isEqualTo("voice.tts.text.s1");
  }

  @Test
  void rememberedTurnsAreBoundedOldestFirst() {
    Stage stage = Stage.of("");
    for (int i = 0; i <= RecentIds.LIMIT; i++) {
      stage.cancel(new TurnCancel("t" + i, TurnCancel.Reason.cancelled));
    }
    assertThat(stage.isCancelled("t0")).as("the oldest is forgotten").isFalse();
    assertThat(stage.isCancelled("t1")).isTrue();
    assertThat(stage.isCancelled("t" + RecentIds.LIMIT)).isTrue();
  }

  @Test
  void aStageWithoutAnExecutorSaysSo() {
    assertThatThrownBy(() -> Stage.of("s2").executor()).hasMessageContaining("no executor");
    try (StageThreads threads = new StageThreads("s3")) {
      assertThat(Stage.of("s3", threads.single("work")).executor()).isNotNull();
    }
  }
}
