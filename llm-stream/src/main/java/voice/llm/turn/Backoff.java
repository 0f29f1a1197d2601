package voice.llm.turn;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = base * 2^(n-1), at most 30 s. */
final class Backoff {
  private static final long MAX_MILLIS = 30_000;

  private Backoff() {}

  static Duration delay(Duration base, int attempt) {
    long full = Math.min(MAX_MILLIS, base.toMillis() << Math.min(20, attempt - 1));
    long half = full / 2;
    return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
  }
}
