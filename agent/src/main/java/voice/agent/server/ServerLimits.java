package voice.agent.server;

import java.util.List;

/**
 * What protects {@code serve} from careless and hostile clients. Every number is an option of
 * {@code serve} and is listed in the README's "Server limits and security".
 *
 * @param idleTimeoutSeconds a connection with nothing read or written for this long is closed (WebSockets too)
 * @param headerTimeoutSeconds a request's headers must arrive within this long of the connection
 *     opening, or of the previous response
 * @param bodyTimeoutSeconds a request's body must arrive whole within this long of its headers
 * @param maxConnections open connections in total; more are closed on accept
 * @param maxConnectionsPerAddress open connections from one client address
 * @param maxSessionsPerKey voice sessions one API key (or, without keys, one address) may hold at once
 * @param badMessagesPerMinute malformed WebSocket messages one key may send before its socket is closed (1008)
 * @param failedAuthPerMinute wrong or missing keys one address may present before it gets 429
 * @param allowedOrigins browser origins allowed besides the server's own ({@code Origin} on
 *     WebSockets and POSTs); empty for same-origin only
 */
public record ServerLimits(int idleTimeoutSeconds, int headerTimeoutSeconds, int bodyTimeoutSeconds,
    int maxConnections, int maxConnectionsPerAddress, int maxSessionsPerKey, int badMessagesPerMinute,
    int failedAuthPerMinute, List<String> allowedOrigins) {

  public ServerLimits {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public static ServerLimits defaults() {
    return new ServerLimits(60, 10, 30, 1024, 64, 4, 30, 20, List.of());
  }

  public ServerLimits withTimeouts(int idle, int header, int body) {
    return new ServerLimits(idle, header, body, maxConnections, maxConnectionsPerAddress, maxSessionsPerKey,
        badMessagesPerMinute, failedAuthPerMinute, allowedOrigins);
  }

  public ServerLimits withConnections(int total, int perAddress) {
    return new ServerLimits(idleTimeoutSeconds, headerTimeoutSeconds, bodyTimeoutSeconds, total, perAddress,
        maxSessionsPerKey, badMessagesPerMinute, failedAuthPerMinute, allowedOrigins);
  }

  public ServerLimits withPerKey(int sessions, int badMessages, int failedAuth) {
    return new ServerLimits(idleTimeoutSeconds, headerTimeoutSeconds, bodyTimeoutSeconds, maxConnections,
        maxConnectionsPerAddress, sessions, badMessages, failedAuth, allowedOrigins);
  }

  public ServerLimits withAllowedOrigins(List<String> origins) {
    return new ServerLimits(idleTimeoutSeconds, headerTimeoutSeconds, bodyTimeoutSeconds, maxConnections,
        maxConnectionsPerAddress, maxSessionsPerKey, badMessagesPerMinute, failedAuthPerMinute, origins);
  }
}
