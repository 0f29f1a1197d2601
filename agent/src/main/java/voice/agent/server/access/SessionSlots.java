package voice.agent.server.access;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The caps on concurrent voice sessions: in total, and per API key (or, without keys, per address). */
public final class SessionSlots {
  /** The answer to a request for a slot. */
  public enum Grant { GRANTED, ALL_TAKEN, KEY_FULL }

  private final int max;
  private final int maxPerClient;
  private final Map<String, Integer> perClient = new ConcurrentHashMap<>();
  private int used;

  /**
   * @param max concurrent sessions; 0 or less for no cap
   * @param maxPerClient concurrent sessions of one client; 0 or less for no cap but the total
   */
  public SessionSlots(int max, int maxPerClient) {
    this.max = max;
    this.maxPerClient = maxPerClient;
  }

  /** Takes a slot for {@code client}, unless the total or the client's share is used up. */
  public synchronized Grant tryAcquire(String client) {
    if (max > 0 && used >= max) {
      return Grant.ALL_TAKEN;
    }
    int mine = perClient.getOrDefault(client, 0);
    if (maxPerClient > 0 && mine >= maxPerClient) {
      return Grant.KEY_FULL;
    }
    used++;
    perClient.put(client, mine + 1);
    return Grant.GRANTED;
  }

  public synchronized void release(String client) {
    used = Math.max(0, used - 1);
    perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
  }

  public synchronized int active() {
    return used;
  }

  public int max() {
    return max;
  }

  public int maxPerClient() {
    return maxPerClient;
  }
}
