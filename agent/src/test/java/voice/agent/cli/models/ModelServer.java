package voice.agent.cli.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that can do what real mirrors do to a download: honour
 * {@code Range}, ignore it, cut a transfer in the middle, redirect, or claim a huge size.
 */
final class ModelServer implements AutoCloseable {
  enum Mode { RANGES, CUT_FIRST_THEN_RANGES, IGNORE_RANGE, HUGE_LENGTH }

  record Request(String path, String range, int status, long bodyBytes) {}

  private record Route(byte[] body, Mode mode, String redirect, AtomicLong hits) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
  private final ServerSocket socket;
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  ModelServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::acceptLoop, "model-server");
    accept.setDaemon(true);
    accept.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  void serve(String path, byte[] body, Mode mode) {
    routes.put(path, new Route(body, mode, null, new AtomicLong()));
  }

  void redirect(String path, String location) {
    routes.put(path, new Route(null, null, location, new AtomicLong()));
  }

  List<Request> requestsFor(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Thread handler = new Thread(() -> handle(client), "model-server-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      String head = readHead(client.getInputStream());
      String[] lines = head.split("\r\n");
      String path = lines[0].split(" ")[1];
      String range = null;
      for (String line : lines) {
        if (line.toLowerCase().startsWith("range:")) {
          range = line.substring(6).trim();
        }
      }
      respond(client, path, range);
    } catch (IOException e) {
      // the client went away: nothing to do
    }
  }

  private void respond(Socket client, String path, String range) throws IOException {
    OutputStream out = client.getOutputStream();
    Route route = routes.get(path);
    if (route == null) {
      requests.add(new Request(path, range, 404, 0));
      write(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    if (route.redirect() != null) {
      requests.add(new Request(path, range, 302, 0));
      write(out, "HTTP/1.1 302 Found\r\nLocation: " + route.redirect()
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    byte[] body = route.body();
    long hit = route.hits().getAndIncrement();
    if (route.mode() == Mode.HUGE_LENGTH) {
      requests.add(new Request(path, range, 200, 0));
      write(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000000\r\nConnection: close\r\n\r\n");
      return;
    }
    Matcher m = range == null ? null : RANGE.matcher(range);
    boolean ranged = m != null && m.matches() && route.mode() != Mode.IGNORE_RANGE;
    int from = ranged ? Integer.parseInt(m.group(1)) : 0;
    if (ranged && from >= body.length) {
      requests.add(new Request(path, range, 416, 0));
      write(out, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + body.length
          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    int to = body.length;
    if (route.mode() == Mode.CUT_FIRST_THEN_RANGES && hit == 0) {
      to = body.length / 2; // announce it all, send half, hang up
    }
    String status = ranged ? "206 Partial Content" : "200 OK";
    String headers = "HTTP/1.1 " + status + "\r\nContent-Type: application/octet-stream\r\n"
        + "Content-Length: " + (body.length - from) + "\r\n"
        + (ranged ? "Content-Range: bytes " + from + "-" + (body.length - 1) + "/" + body.length + "\r\n" : "")
        + "Connection: close\r\n\r\n";
    requests.add(new Request(path, range, ranged ? 206 : 200, to - from));
    write(out, headers);
    out.write(body, from, to - from);
    out.flush();
    client.shutdownOutput();
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) >= 0; ) {
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
