package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SynthesisThreadsTest {
  @Test
  void aSentenceSomeoneIsWaitingForGoesBeforeLaterOnesAndEqualsKeepTheirOrder() throws Exception {
    SynthesisThreads threads = new SynthesisThreads(1);
    try {
      CountDownLatch busy = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture.runAsync(() -> call(threads, 0, () -> {
        busy.countDown();
        await(release);
      }));
      assertThat(busy.await(10, TimeUnit.SECONDS)).isTrue();

      List<String> order = new CopyOnWriteArrayList<>();
      String[] names = {"third sentence of A", "second sentence of B", "first sentence of C", "first sentence of D"};
      int[] chunksAhead = {2, 1, 0, 0};
      List<CompletableFuture<Void>> callers = new ArrayList<>();
      for (int i = 0; i < names.length; i++) {
        String name = names[i];
        int ahead = chunksAhead[i];
        callers.add(CompletableFuture.runAsync(() -> call(threads, ahead, () -> order.add(name))));
        while (threads.waiting() < i + 1) {  // queued in this order: the arrival order is known
          Thread.onSpinWait();
        }
      }
      release.countDown();
      CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

      assertThat(order).containsExactly(
          "first sentence of C", "first sentence of D", "second sentence of B", "third sentence of A");
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aFailureReachesTheCallerAsItself() {
    SynthesisThreads threads = new SynthesisThreads(1);
    try {
      assertThatThrownBy(() -> threads.run(0, () -> {
        throw new IOException("voice broke");
      })).isInstanceOf(IOException.class).hasMessage("voice broke");
    } finally {
      threads.shutdownNow();
    }
  }

  private static void call(SynthesisThreads threads, int chunksAhead, Runnable work) {
    try {
      threads.run(chunksAhead, () -> {
        work.run();
        return null;
      });
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
