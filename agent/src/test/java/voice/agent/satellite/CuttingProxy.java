package voice.agent.satellite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 in front of a real server that drops the first connection as soon as
 * the server has said a given word on it: after {@code session.start}, a network that fails
 * between answers; after {@code audio.start}, a server that goes away in the middle of an answer.
 * Later connections are relayed untouched.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final String cutAfter;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger cut = new AtomicInteger();

  /** @param cutAfter what the server says (in an event's text) before the first connection is dropped */
  CuttingProxy(int target, String cutAfter) throws IOException {
    this.target = target;
    this.cutAfter = cutAfter;
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread accepting = new Thread(this::accept, "proxy-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket("127.0.0.1", target);
        boolean cutThisOne = connections.incrementAndGet() == 1;
        relay(client, server, false);
        relay(server, client, cutThisOne);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void relay(Socket from, Socket to, boolean cutting) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[8192];
      String tail = ""; // the word may be split between two reads
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
          if (cutting) {
            String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
            if (seen.contains(cutAfter)) {
              cut.incrementAndGet();
              break;
            }
            tail = seen.substring(Math.max(0, seen.length() - cutAfter.length()));
          }
        }
      } catch (IOException e) {
        // the other side closed: close both below
      }
      closeQuietly(from);
      closeQuietly(to);
    }, "proxy-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
