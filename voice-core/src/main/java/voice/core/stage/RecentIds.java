package voice.core.stage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids (turns, utterances) a stage must keep recognizing for a while, each with a value,
 * bounded to the {@value #LIMIT} most recent: a turn that is never mentioned again must not be
 * remembered forever. Safe to use from the event loop and a stage's worker thread at once.
 */
public final class RecentIds<V> {
  /** How many ids are remembered; far more than the turns that can be in flight at once. */
  public static final int LIMIT = 256;

  private final Map<String, V> ids = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
      return size() > LIMIT;
    }
  };

  public synchronized void add(String id, V value) {
    ids.put(id, value);
  }

  public synchronized boolean contains(String id) {
    return id != null && ids.containsKey(id);
  }

  /** The value remembered for {@code id}, or null. */
  public synchronized V get(String id) {
    return id == null ? null : ids.get(id);
  }

  /** Forgets {@code id}; true if it was remembered. */
  public synchronized boolean remove(String id) {
    return ids.remove(id) != null;
  }
}
