package voice.agent.server.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per minute per client key: a token bucket that holds a minute's allowance and
 * refills continuously, so a burst up to the limit passes and then one request per
 * {@code 60 / limit} seconds.
 */
public final class RateLimiter {
  private final int perMinute;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** @param perMinute requests per minute per key; 0 or less for no limit */
  public RateLimiter(int perMinute) {
    this(perMinute, System::nanoTime);
  }

  RateLimiter(int perMinute, LongSupplier nanoClock) {
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  public int perMinute() {
    return perMinute;
  }

  /** Takes one request's token; 0 when allowed, else the whole seconds to wait before retrying. */
  public long acquire(String key) {
    if (perMinute <= 0) {
      return 0;
    }
    return buckets.computeIfAbsent(key, k -> new Bucket(perMinute, nanoClock.getAsLong())).take(nanoClock.getAsLong());
  }

  /** The whole seconds {@code key} would wait now, without taking a token; 0 when a request may pass. */
  public long waitFor(String key) {
    if (perMinute <= 0) {
      return 0;
    }
    Bucket bucket = buckets.get(key);
    return bucket == null ? 0 : bucket.peek(nanoClock.getAsLong());
  }

  private static final class Bucket {
    private final int capacity;
    private final double perNano;
    private double tokens;
    private long last;

    Bucket(int capacity, long now) {
      this.capacity = capacity;
      this.perNano = capacity / 60e9;
      this.tokens = capacity;
      this.last = now;
    }

    synchronized long take(long now) {
      long wait = peek(now);
      if (wait == 0) {
        tokens -= 1;
      }
      return wait;
    }

    synchronized long peek(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
  }
}
