package voice.agent.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a plain socket, from any loopback address (127.0.0.N), for what a
 * well-behaved client would never do: stop half-way, trickle, send too much.
 */
final class RawHttp implements AutoCloseable {
  final Socket socket;

  private RawHttp(Socket socket) {
    this.socket = socket;
  }

  /** Connects from {@code from} (e.g. 127.0.0.2) with a 20 s read bound. */
  static RawHttp connect(String from, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    socket.setSoTimeout(20_000);
    return new RawHttp(socket);
  }

  /** One whole request with {@code Connection: close}; returns everything the server sent. */
  static String exchange(String from, int port, String request) throws IOException {
    try (RawHttp http = connect(from, port)) {
      http.send(request);
      return http.readToEnd();
    }
  }

  void send(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** What the server sends until it closes the connection (a reset counts as the end too). */
  String readToEnd() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open for 20 s; got: " + out.toString(StandardCharsets.UTF_8));
    } catch (SocketException reset) {
      // closed by the server while we were still sending
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One response of a kept-alive connection: headers, then a Content-Length body. */
  String readResponse() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return head.toString(StandardCharsets.UTF_8);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.UTF_8);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
