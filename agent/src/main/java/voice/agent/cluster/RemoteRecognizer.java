package voice.agent.cluster;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.audio.Pcm16;
import voice.core.bus.Addresses;
import voice.core.message.AudioFrame;
import voice.core.message.Transcript;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;

/**
 * A session's recognizer on the gateway: each utterance is recognized by one member offering
 * {@code stt}, its audio streamed there as it comes and its partials streamed back. The
 * utterance's audio is also kept here, so when that member is lost (or busy) the whole utterance
 * is recognized again by another at its end, at most {@link #ATTEMPTS} times in all. Used by one
 * thread, like any {@link Recognizer}.
 */
public final class RemoteRecognizer implements Recognizer {
  static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteRecognizer.class);
  /** A minute of audio at most is kept; an utterance is far shorter. */
  private static final int MAX_KEPT = 60 * AudioFrame.SAMPLE_RATE;
  private static final long FINAL_TIMEOUT_S = 30;

  private final RemoteStreams streams;
  private final Consumer<String> onRetry;
  private short[] kept = new short[AudioFrame.SAMPLE_RATE];
  private int keptSize;
  private boolean inUtterance;
  private Attempt attempt;

  public RemoteRecognizer(RemoteStreams streams, Consumer<String> onRetry) {
    this.streams = streams;
    this.onRetry = onRetry;
  }

  @Override
  public String engine() {
    return "cluster";
  }

  @Override
  public void startUtterance() {
    stop();
    keptSize = 0;
    inUtterance = true;
  }

  @Override
  public Hypothesis accept(short[] pcm16kMono, int off, int len) {
    if (!inUtterance) {
      startUtterance();
    }
    keep(pcm16kMono, off, len);
    if (attempt == null) {
      attempt = new Attempt();
    }
    if (!attempt.result.isDone()) {
      attempt.call.send(Addresses.CLUSTER_STT_AUDIO, new AudioFrame(0, Pcm16.buffer(pcm16kMono, off, len), false));
    }
    return attempt.partial;
  }

  @Override
  public Hypothesis endUtterance() {
    if (!inUtterance) {
      return Hypothesis.EMPTY;
    }
    inUtterance = false;
    try {
      for (int n = 1; ; n++) {
        if (attempt == null || attempt.result.isCompletedExceptionally()) {
          attempt = new Attempt(); // the whole utterance again, on whichever member takes it
          attempt.call.send(Addresses.CLUSTER_STT_AUDIO, new AudioFrame(0, Pcm16.buffer(kept, 0, keptSize), false));
        }
        attempt.call.send(Addresses.CLUSTER_STT_AUDIO, new AudioFrame(0, Pcm16.buffer(new short[0], 0, 0), true));
        try {
          return attempt.result.get(FINAL_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Hypothesis.EMPTY;
        } catch (Exception e) {
          String reason = e.getCause() != null ? e.getCause().getMessage() : "no final result in " + FINAL_TIMEOUT_S + " s";
          attempt.call.cancel();
          attempt = null;
          if (n >= ATTEMPTS) {
            LOG.warn("an utterance was not recognized by any stt member ({} attempts): {}", n, reason);
            return Hypothesis.EMPTY;
          }
          onRetry.accept(reason);
        }
      }
    } finally {
      stop();
    }
  }

  @Override
  public void reset() {
    stop();
    inUtterance = false;
    keptSize = 0;
  }

  @Override
  public void close() {
    reset();
  }

  private void stop() {
    if (attempt != null) {
      attempt.call.cancel();
      attempt = null;
    }
  }

  private void keep(short[] pcm, int off, int len) {
    if (keptSize + len > MAX_KEPT) {
      return; // past a minute the utterance is recognized from what was streamed only
    }
    if (keptSize + len > kept.length) {
      kept = Arrays.copyOf(kept, Math.max(kept.length * 2, keptSize + len));
    }
    System.arraycopy(pcm, off, kept, keptSize, len);
    keptSize += len;
  }

  /** One member's recognition of the utterance. */
  private final class Attempt {
    final CompletableFuture<Hypothesis> result = new CompletableFuture<>();
    volatile Hypothesis partial = Hypothesis.EMPTY;
    final RemoteStreams.Handle call;

    Attempt() {
      call = streams.open(Addresses.CLUSTER_STT, new AudioFrame(0, Pcm16.buffer(new short[0], 0, 0), false),
          new RemoteStreams.Listener() {
            @Override
            public void onMessage(Object body) {
              if (body instanceof Transcript transcript) {
                Hypothesis hypothesis = new Hypothesis(transcript.text(), transcript.words());
                if (transcript.isFinal()) {
                  result.complete(hypothesis);
                } else {
                  partial = hypothesis;
                }
              }
            }

            @Override
            public void onEnd() {}

            @Override
            public void onFailure(String reason, boolean busy, boolean retryable) {
              result.completeExceptionally(new IllegalStateException(reason));
            }
          });
    }
  }
}
