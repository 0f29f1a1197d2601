package voice.agent.cluster;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import voice.core.bus.Addresses;
import voice.core.message.AudioChunk;
import voice.core.message.TextChunk;
import voice.tts.AudioConsumer;
import voice.tts.SpeechEngine;

/**
 * The gateway's voice: each chunk is spoken by a member offering {@code tts}. When that member
 * is lost mid-chunk (or busy, or silent) the chunk is spoken again by another, at most
 * {@link #ATTEMPTS} times in all, and the audio already handed on is skipped: synthesis is
 * deterministic (the same text gives the same bytes; {@code ConcurrentSynthesisTest}), so the
 * listener hears the chunk once, whole.
 */
public final class RemoteSpeechEngine implements SpeechEngine {
  static final int ATTEMPTS = 3;
  /** MaryTTS's voice, which every tts member runs ({@code cmu-slt-hsmm}, 48 kHz). */
  public static final int SAMPLE_RATE = 48_000;
  private final RemoteStreams streams;
  private final Consumer<String> onRetry;

  public RemoteSpeechEngine(RemoteStreams streams, Consumer<String> onRetry) {
    this.streams = streams;
    this.onRetry = onRetry;
  }

  @Override
  public int sampleRate() {
    return SAMPLE_RATE;
  }

  @Override
  public void synthesize(String text, AudioConsumer out) throws Exception {
    if (text == null || text.isBlank()) {
      return;
    }
    TextChunk chunk = new TextChunk("tts-" + UUID.randomUUID(), 0, text, true);
    long[] delivered = {0};
    for (int attempt = 1; ; attempt++) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      long[] received = {0};
      RemoteStreams.Handle[] handle = new RemoteStreams.Handle[1];
      handle[0] = streams.open(Addresses.CLUSTER_TTS, chunk, new RemoteStreams.Listener() {
        @Override
        public void onMessage(Object body) {
          if (!(body instanceof AudioChunk piece) || done.isDone()) {
            return;
          }
          if (piece.sampleRate() != SAMPLE_RATE) {
            done.completeExceptionally(new IOException("a tts member speaks at " + piece.sampleRate() + " Hz, not " + SAMPLE_RATE));
            return;
          }
          byte[] pcm = piece.pcm().getBytes();
          long start = received[0];
          received[0] += pcm.length;
          if (received[0] <= delivered[0] || pcm.length == 0) {
            return; // heard before the member was lost
          }
          int skip = (int) Math.max(0, delivered[0] - start);
          try {
            out.accept(skip == 0 ? pcm : java.util.Arrays.copyOfRange(pcm, skip, pcm.length));
            delivered[0] = received[0];
          } catch (RuntimeException stop) {
            done.completeExceptionally(stop);
          }
        }

        @Override
        public void onEnd() {
          done.complete(null);
        }

        @Override
        public void onFailure(String reason, boolean busy, boolean retryable) {
          done.completeExceptionally(new RemoteFailure(reason, retryable));
        }
      });
      try {
        done.get();
        return;
      } catch (InterruptedException e) {
        handle[0].cancel();
        throw e;
      } catch (ExecutionException e) {
        handle[0].cancel();
        if (e.getCause() instanceof RemoteFailure failure && failure.retryable && attempt < ATTEMPTS) {
          onRetry.accept(failure.getMessage());
          continue;
        }
        if (e.getCause() instanceof CancellationException cancelled) {
          throw cancelled;
        }
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
  }

  /** A call that did not complete; {@code retryable} when another member may do it. */
  private static final class RemoteFailure extends IOException {
    final boolean retryable;

    RemoteFailure(String reason, boolean retryable) {
      super(reason);
      this.retryable = retryable;
    }
  }
}
