package voice.agent.cluster;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.message.AudioChunk;
import voice.core.message.TextChunk;
import voice.tts.SpeechEngine;

/**
 * The {@code tts} role: speaks a call's {@link TextChunk} with the local engine, on the
 * executor handed in, streaming each piece back as an {@link AudioChunk} as soon as it exists;
 * the last one has {@code chunkEnd} set.
 */
public final class SpeechService {
  private static final Logger LOG = LoggerFactory.getLogger(SpeechService.class);
  private final SpeechEngine engine;
  private final ExecutorService synthesis;
  private final int capacity;

  /** @param synthesis {@code capacity} threads, each waiting on one call's synthesis */
  public SpeechService(SpeechEngine engine, ExecutorService synthesis, int capacity) {
    this.engine = engine;
    this.synthesis = synthesis;
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  void synthesize(TextChunk chunk, StreamReply reply) {
    int rate = engine.sampleRate();
    try {
      synthesis.execute(() -> {
        try {
          engine.synthesize(chunk.text(), pcm -> {
            if (reply.cancelled()) {
              throw new CancellationException("call " + reply.call() + " cancelled");
            }
            reply.send(new AudioChunk(chunk.turn(), chunk.index(), rate, Buffer.buffer(pcm), false, false));
          });
          reply.end(new AudioChunk(chunk.turn(), chunk.index(), rate, Buffer.buffer(), true, false));
        } catch (CancellationException e) {
          reply.cancel();
        } catch (Exception e) {
          LOG.warn("synthesis for call {} failed: {}", reply.call(), e.toString());
          reply.fail("synthesis failed: " + e.getMessage());
        }
      });
    } catch (RejectedExecutionException e) {
      reply.fail("this member is shutting down");
    }
  }
}
