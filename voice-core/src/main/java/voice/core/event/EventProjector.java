package voice.core.event;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import voice.core.bus.Addresses;
import voice.core.message.CaptureStarted;
import voice.core.message.InputEnded;
import voice.core.message.PlaybackProgress;
import voice.core.message.PlaybackStarted;

/**
 * The edge of one conversation ({@code scope}): writes the public events {@code capture.start},
 * {@code audio.start}, {@code audio.stop} and {@code stt.input_end} from the typed messages the
 * stages publish.
 * Stages react to those typed messages; {@code voice.events} is output only, and this is the
 * one place that turns the audio stages' facts into its event types and fields.
 */
public final class EventProjector extends VerticleBase {
  private final String scope;
  private EventBus bus;

  public EventProjector(String scope) {
    this.scope = scope;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    return Future.all(
        bus.<CaptureStarted>consumer(address(Addresses.CAPTURE_STARTED), m -> onCapture(m.body())).completion(),
        bus.<PlaybackStarted>consumer(address(Addresses.PLAYBACK_STARTED), m -> onPlaybackStart(m.body())).completion(),
        bus.<PlaybackProgress>consumer(address(Addresses.PLAYBACK_PROGRESS), m -> onProgress(m.body())).completion(),
        bus.<InputEnded>consumer(address(Addresses.INPUT_ENDED),
            m -> publish(AgentEvent.at(m.body().tMs(), "stt.input_end", null))).completion());
  }

  private void onCapture(CaptureStarted started) {
    publish(AgentEvent.at(started.tMs(), "capture.start", null));
  }

  private void onPlaybackStart(PlaybackStarted started) {
    publish(AgentEvent.at(started.tMs(), "audio.start", started.turn()));
  }

  private void onProgress(PlaybackProgress progress) {
    PlaybackProgress.Stop stop = progress.stop();
    if (stop != null && stop.audioStarted()) {
      publish(AgentEvent.at(stop.tMs(), "audio.stop", progress.turn(),
          "reason", stop.reason(), "underruns", stop.underruns(),
          // What was heard: the page marks the chunks from this one on as not heard.
          "played_ms", progress.playedMs(), "chunk", progress.chunkIndex()));
    }
  }

  private void publish(AgentEvent event) {
    bus.publish(address(Addresses.EVENTS), event);
  }

  private String address(String base) {
    return Addresses.scoped(base, scope);
  }
}
