package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import voice.agent.server.access.RateLimiter;
import voice.agent.server.access.SessionSlots;

class RateLimiterTest {
  @Test
  void allowsAMinutesWorthThenAsksToWaitPerKey() throws Exception {
    AtomicLong now = new AtomicLong();
    var constructor = RateLimiter.class.getDeclaredConstructor(int.class, java.util.function.LongSupplier.class);
    constructor.setAccessible(true);
    RateLimiter limiter = constructor.newInstance(3, (java.util.function.LongSupplier) now::get);
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isZero();
    assertThat(limiter.acquire("a")).isEqualTo(20); // one token per 20 s
    assertThat(limiter.acquire("b")).isZero();       // other keys have their own allowance
    now.addAndGet(20_000_000_000L);
    assertThat(limiter.acquire("a")).isZero();
  }

  @Test
  void noLimitWhenZero() {
    RateLimiter limiter = new RateLimiter(0);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire("a")).isZero();
    }
  }

  @Test
  void sessionSlotsCapConcurrentSessionsInTotalAndPerKey() {
    SessionSlots slots = new SessionSlots(3, 2);
    assertThat(slots.tryAcquire("a")).isEqualTo(SessionSlots.Grant.GRANTED);
    assertThat(slots.tryAcquire("a")).isEqualTo(SessionSlots.Grant.GRANTED);
    assertThat(slots.tryAcquire("a")).isEqualTo(SessionSlots.Grant.KEY_FULL);
    assertThat(slots.tryAcquire("b")).isEqualTo(SessionSlots.Grant.GRANTED);
    assertThat(slots.tryAcquire("c")).isEqualTo(SessionSlots.Grant.ALL_TAKEN);
    slots.release("a");
    assertThat(slots.tryAcquire("c")).isEqualTo(SessionSlots.Grant.GRANTED);
    assertThat(slots.active()).isEqualTo(3);
  }
}
