package voice.stt.echo;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.List;
import java.util.function.Consumer;
import voice.core.audio.Pcm16;
import voice.core.bus.Addresses;
import voice.core.message.AudioChunk;
import voice.core.message.CaptureStarted;
import voice.core.message.PlaybackAudio;
import voice.core.message.PlaybackProgress;
import voice.core.message.TurnCancel;

/**
 * Tells an {@link EchoGate} what the loudspeaker plays in one scope: what the playback stage
 * wrote to its device and when it sounds ({@link PlaybackAudio}), with the microphone's start
 * ({@link CaptureStarted}) to place it on the microphone's clock. Until a device reports (or when
 * playback runs elsewhere), the {@link AudioChunk}s sent to playback and the end of a turn's audio
 * (a stopped {@link PlaybackProgress}, or its cancel) stand in for it. Each is handed to
 * {@code worker} as a task, so the gate sees playback and microphone in the order they arrived,
 * on the thread that also feeds it the microphone.
 */
public final class PlaybackListener {
  private final List<MessageConsumer<?>> consumers;

  private PlaybackListener(List<MessageConsumer<?>> consumers) {
    this.consumers = consumers;
  }

  public static Future<PlaybackListener> attach(EventBus bus, String scope, EchoGate gate, Consumer<Runnable> worker) {
    MessageConsumer<CaptureStarted> capture = bus.consumer(Addresses.scoped(Addresses.CAPTURE_STARTED, scope),
        m -> worker.accept(() -> gate.captureStartedAt(m.body().tMs())));
    MessageConsumer<PlaybackAudio> device = bus.consumer(Addresses.scoped(Addresses.PLAYBACK_AUDIO, scope),
        m -> worker.accept(() -> gate.devicePlays(m.body())));
    MessageConsumer<AudioChunk> audio = bus.consumer(Addresses.scoped(Addresses.AUDIO_OUT, scope), m -> {
      AudioChunk chunk = m.body();
      short[] pcm = Pcm16.samples(chunk.pcm());
      if (pcm.length > 0) {
        worker.accept(() -> gate.addReference(chunk.turn(), chunk.sampleRate(), pcm));
      }
    });
    MessageConsumer<TurnCancel> cancels = bus.consumer(Addresses.scoped(Addresses.TURN_CANCEL, scope),
        m -> worker.accept(() -> gate.stopTurn(m.body().turn())));
    MessageConsumer<PlaybackProgress> stops = bus.consumer(Addresses.scoped(Addresses.PLAYBACK_PROGRESS, scope), m -> {
      PlaybackProgress progress = m.body();
      if (progress.stop() != null && progress.stop().audioStarted()) {
        worker.accept(() -> gate.stopTurn(progress.turn()));
      }
    });
    List<MessageConsumer<?>> all = List.of(capture, device, audio, cancels, stops);
    return Future.all(all.stream().map(MessageConsumer::completion).toList()).map(v -> new PlaybackListener(all));
  }

  public Future<Void> detach() {
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }
}
