package voice.agent.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import voice.core.message.AudioChunk;
import voice.core.message.TextChunk;
import voice.core.metrics.Percentiles;

/**
 * Event-bus hop latency: one message at a time is published on one verticle's event loop and
 * consumed on another verticle's, a different thread, as between the pipeline's stages, with the pipeline's own message records
 * and codecs; publish → handler entry is timed with {@link System#nanoTime()}. The next message
 * is published only once the previous one arrived, so the figure is latency, not queueing.
 */
final class BusHopProbe {
  static final int WARM_UP = 200;

  /** Milliseconds from publish to the consumer's handler. */
  record Hop(double p50Ms, double p95Ms, int messages) {}

  private BusHopProbe() {}

  /** A {@link TextChunk} (a sentence of text), the most frequent small message. */
  static Hop textChunks(Vertx vertx, int messages) throws Exception {
    return measure(vertx, "voice.bench.hop.text", messages,
        i -> new TextChunk("bench-hop", i, "Paris is the capital of France.", false), m -> ((TextChunk) m).index());
  }

  /** An {@link AudioChunk} of 100 ms of 48 kHz 16-bit audio, as MaryTTS's pieces are. */
  static Hop audioChunks(Vertx vertx, int messages) throws Exception {
    Buffer pcm = Buffer.buffer(new byte[48_000 * 2 / 10]);
    return measure(vertx, "voice.bench.hop.audio", messages,
        i -> new AudioChunk("bench-hop", i, 48_000, pcm, false, false), m -> ((AudioChunk) m).index());
  }

  private static Hop measure(Vertx vertx, String address, int messages, IntFunction<Object> message,
      ToIntFunction<Object> indexOf) throws Exception {
    int total = WARM_UP + messages;
    long[] sentAt = new long[total];
    double[] hopMs = new double[total];
    Promise<Void> done = Promise.promise();
    Context publisher = newContext(vertx);
    Context consumerContext = contextOnAnotherThread(vertx, threadOf(publisher));
    Runnable[] send = new Runnable[1];
    int[] next = {0};
    send[0] = () -> {
      int i = next[0]++;
      sentAt[i] = System.nanoTime();
      vertx.eventBus().publish(address, message.apply(i));
    };
    Promise<MessageConsumer<Object>> registered = Promise.promise();
    consumerContext.runOnContext(v -> {
      MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, m -> {
        long now = System.nanoTime();
        int i = indexOf.applyAsInt(m.body());
        hopMs[i] = (now - sentAt[i]) / 1_000_000.0;
        if (i + 1 < total) {
          publisher.runOnContext(x -> send[0].run());
        } else {
          done.tryComplete();
        }
      });
      consumer.completion().onComplete(r -> registered.complete(consumer));
    });
    MessageConsumer<Object> consumer = registered.future().await(10, TimeUnit.SECONDS);
    try {
      publisher.runOnContext(v -> send[0].run());
      done.future().await(60, TimeUnit.SECONDS);
    } finally {
      consumer.unregister().await();
    }
    List<Double> measured = new ArrayList<>();
    for (int i = WARM_UP; i < total; i++) {
      measured.add(hopMs[i]);
    }
    return new Hop(Percentiles.of(measured, 50), Percentiles.of(measured, 95), messages);
  }

  /** A verticle's context: each deployment gets an event loop of its own, round robin. */
  private static Context newContext(Vertx vertx) {
    Context[] deployed = new Context[1];
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        deployed[0] = context;
        return Future.succeededFuture();
      }
    }).await();
    return deployed[0];
  }

  /** A context whose event loop is not {@code busy}'s, so every hop crosses threads as in the pipeline. */
  private static Context contextOnAnotherThread(Vertx vertx, Thread busy) {
    for (int attempt = 0; attempt < 8; attempt++) {
      Context context = newContext(vertx);
      if (threadOf(context) != busy) {
        return context;
      }
    }
    throw new IllegalStateException("Vert.x has a single event loop: no hop between threads to measure");
  }

  private static Thread threadOf(Context context) {
    Promise<Thread> thread = Promise.promise();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.future().await();
  }
}
