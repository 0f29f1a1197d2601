package voice.agent.server.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import voice.agent.cluster.ClusterNode;
import voice.agent.cluster.ClusterSettings;
import voice.agent.cluster.Role;
import voice.core.bus.Codecs;
import voice.core.message.AudioChunk;
import voice.core.message.TextChunk;
import voice.core.metrics.Percentiles;

/**
 * The cross-node hop: two cluster members (each its own Hazelcast member and event-bus server)
 * in this process; a message is sent by one and handled by the other, over TCP on 127.0.0.1
 * through the records' wire codec, as between machines but without the wire's own delay. One
 * message at a time (the next is sent when the last arrived), so the figure is latency, not
 * queueing; send → handler entry, by {@link System#nanoTime()}.
 */
public final class CrossNodeHop {
  static final int WARM_UP = 1000;

  /** Milliseconds from send to the other member's handler. */
  public record Hop(double p50Ms, double p95Ms, int messages) {}

  /** Both kinds of message, as the cluster's calls carry them. */
  public record Hops(Hop text, Hop audio) {}

  private CrossNodeHop() {}

  static Hops measure(int messages, PrintStream log) throws Exception {
    int port = FreePorts.pair();
    ClusterNode sender = ClusterNode.join(new ClusterSettings("127.0.0.1", port, List.of(), EnumSet.noneOf(Role.class), 30), log);
    ClusterNode receiver = null;
    try {
      receiver = ClusterNode.join(new ClusterSettings("127.0.0.1", FreePorts.pair(), List.of("127.0.0.1:" + port),
          EnumSet.noneOf(Role.class), 30), log);
      Codecs.register(sender.vertx());
      Codecs.register(receiver.vertx());
      Hop text = measure(sender.vertx(), receiver.vertx(), messages,
          i -> new TextChunk("bench-hop", i, "Paris is the capital of France.", false), m -> ((TextChunk) m).index());
      Buffer pcm = Buffer.buffer(new byte[48_000 * 2 / 10]);
      Hop audio = measure(sender.vertx(), receiver.vertx(), messages,
          i -> new AudioChunk("bench-hop", i, 48_000, pcm, false, false), m -> ((AudioChunk) m).index());
      return new Hops(text, audio);
    } finally {
      if (receiver != null) {
        receiver.close();
      }
      sender.close();
    }
  }

  private static Hop measure(Vertx from, Vertx to, int messages, IntFunction<Object> message,
      ToIntFunction<Object> indexOf) throws Exception {
    String address = "voice.bench.hop." + UUID.randomUUID();
    int total = WARM_UP + messages;
    long[] sentAt = new long[total];
    double[] hopMs = new double[total];
    Promise<Void> done = Promise.promise();
    var sending = from.getOrCreateContext();
    Runnable[] send = new Runnable[1];
    int[] next = {0};
    send[0] = () -> {
      int i = next[0]++;
      sentAt[i] = System.nanoTime();
      from.eventBus().send(address, message.apply(i));
    };
    MessageConsumer<Object> consumer = to.eventBus().consumer(address, m -> {
      long now = System.nanoTime();
      if (m.body() == null) {
        return; // awaitVisible's probe
      }
      int i = indexOf.applyAsInt(m.body());
      hopMs[i] = (now - sentAt[i]) / 1_000_000.0;
      if (i + 1 < total) {
        sending.runOnContext(v -> send[0].run());
      } else {
        done.tryComplete();
      }
    });
    consumer.completion().await(20, TimeUnit.SECONDS);
    awaitVisible(from, address);
    try {
      sending.runOnContext(v -> send[0].run());
      done.future().await(120, TimeUnit.SECONDS);
    } finally {
      consumer.unregister().await();
    }
    List<Double> measured = new ArrayList<>();
    for (int i = WARM_UP; i < total; i++) {
      measured.add(hopMs[i]);
    }
    return new Hop(Percentiles.of(measured, 50), Percentiles.of(measured, 95), messages);
  }

  /** The sender learns of the new consumer through the cluster's registry: wait until a request finds it. */
  private static void awaitVisible(Vertx from, String address) throws Exception {
    // The consumer does not reply to the probe: a timeout means it was delivered, NO_HANDLERS that it was not yet.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        from.eventBus().request(address, null, new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(200))
            .await(1, TimeUnit.SECONDS);
      } catch (Exception e) {
        if (!(e instanceof io.vertx.core.eventbus.ReplyException reply)
            || reply.failureType() != io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
          return; // it reached the consumer (which does not reply): the address is known
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the receiving member's consumer never became visible to the sender");
  }
}
