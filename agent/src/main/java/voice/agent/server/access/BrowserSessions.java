package voice.agent.server.access;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Sessions of the web page: a browser that posted a valid API key to {@code /v1/session} gets a
 * random token in an HttpOnly, SameSite=Strict cookie, so the key itself never travels in a URL
 * and scripts cannot read the token. Tokens expire; the table is bounded.
 */
final class BrowserSessions {
  static final String COOKIE = "voice_agent_session";
  static final long LIFETIME_SECONDS = 12 * 3600;
  private static final int MAX_SESSIONS = 10_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(String client, long expiresAtNanos) {}

  private final Map<String, Entry> tokens = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  BrowserSessions() {
    this(System::nanoTime);
  }

  BrowserSessions(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** A new token for the key labelled {@code client}. */
  String open(String client) {
    long now = nanoClock.getAsLong();
    if (tokens.size() >= MAX_SESSIONS) {
      tokens.values().removeIf(e -> e.expiresAtNanos() - now < 0);
      if (tokens.size() >= MAX_SESSIONS) {
        tokens.keySet().stream().findAny().ifPresent(tokens::remove); // drop one rather than refuse everyone
      }
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    tokens.put(token, new Entry(client, now + LIFETIME_SECONDS * 1_000_000_000L));
    return token;
  }

  /** The client label of a live token, else null. */
  String client(String token) {
    if (token == null) {
      return null;
    }
    Entry entry = tokens.get(token);
    if (entry == null) {
      return null;
    }
    if (entry.expiresAtNanos() - nanoClock.getAsLong() < 0) {
      tokens.remove(token, entry);
      return null;
    }
    return entry.client();
  }

  static String cookie(String token) {
    return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + LIFETIME_SECONDS;
  }
}
