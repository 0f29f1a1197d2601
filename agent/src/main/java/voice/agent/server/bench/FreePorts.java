package voice.agent.server.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1 for cluster members (the benchmark's, the tests'). */
public final class FreePorts {
  private FreePorts() {}

  /** A port whose next one is free too (a member's Hazelcast port, then its event-bus port). */
  public static int pair() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket first = new ServerSocket(0, 1, loopback)) {
        int port = first.getLocalPort();
        if (port >= 65534) {
          continue;
        }
        try (ServerSocket next = new ServerSocket(port + 1, 1, loopback)) {
          return port;
        } catch (IOException taken) {
          // another pair
        }
      }
    }
    throw new IOException("no two free ports in a row on 127.0.0.1");
  }
}
