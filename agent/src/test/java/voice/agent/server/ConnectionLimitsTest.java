package voice.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import voice.agent.demo.PacedOpenAiServer;

/**
 * Connections that never finish, or too many of them, against the real server with short
 * limits. Each test connects from its own loopback address (127.0.0.N), so the per-address caps
 * of one test do not touch another.
 */
class ConnectionLimitsTest {
  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private static Vertx vertx;
  private static PacedOpenAiServer upstream;
  private static AgentServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = TestServers.upstream(vertx, List.of("Hi", "."), 10, 100);
    server = TestServers.start(ServerSettings.defaults().withMaxBodyBytes(1024)
        .withLimits(ServerLimits.defaults().withTimeouts(3, 1, 1).withConnections(10, 3)), upstream);
  }

  @AfterAll
  static void stop() {
    server.close();
    upstream.close().await();
    vertx.close().await();
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (RawHttp http = RawHttp.connect("127.0.0.11", server.port())) {
      http.send(HEALTH);
      assertThat(http.readResponse()).startsWith("HTTP/1.1 200");
      assertThat(http.readToEnd()).isEmpty(); // closed by the idle timeout, then nothing more
    }
  }

  @Test
  void headersTrickledByteByByteAreCutOff() throws Exception {
    try (RawHttp http = RawHttp.connect("127.0.0.12", server.port())) {
      http.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      // One header byte every 200 ms keeps the idle timeout (3 s) away: only the header deadline can end it.
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            http.send("X");
            Thread.sleep(200);
          }
        } catch (Exception closed) {
          // the server closed the connection
        }
      });
      trickle.start();
      assertThat(http.readToEnd()).isEmpty();
      trickle.interrupt();
      trickle.join();
    }
  }

  @Test
  void aChunkedBodyThatStopsIsCutOff() throws Exception {
    try (RawHttp http = RawHttp.connect("127.0.0.13", server.port())) {
      http.send("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n");
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            http.send("1\r\n \r\n");
            Thread.sleep(200);
          }
        } catch (Exception closed) {
          // the server closed the connection
        }
      });
      trickle.start();
      assertThat(http.readToEnd()).doesNotContain("200 OK");
      trickle.interrupt();
      trickle.join();
    }
  }

  @Test
  void connectionsOverTheCapsAreClosedOnAcceptAndTheServerStillAnswers() throws Exception {
    List<RawHttp> open = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        RawHttp http = RawHttp.connect("127.0.0.14", server.port());
        open.add(http);
        http.send(HEALTH);
        assertThat(http.readResponse()).startsWith("HTTP/1.1 200");
      }
      assertThat(RawHttp.exchange("127.0.0.14", server.port(), HEALTH)).as("a 4th from one address").isEmpty();
      // In total: 10. Three more addresses bring it there; the next connection is closed too.
      for (String from : List.of("127.0.0.15", "127.0.0.16", "127.0.0.17")) {
        for (int i = 0; i < 3 && openConnections() < 10; i++) {
          RawHttp http = RawHttp.connect(from, server.port());
          open.add(http);
          http.send(HEALTH);
          assertThat(http.readResponse()).startsWith("HTTP/1.1 200");
        }
      }
      assertThat(openConnections()).isEqualTo(10);
      assertThat(RawHttp.exchange("127.0.0.18", server.port(), HEALTH)).as("one over the total").isEmpty();
    } finally {
      for (RawHttp http : open) {
        http.close();
      }
    }
    Eventually.await("the connections to be counted closed", 20, () -> openConnections() == 0);
    assertThat(RawHttp.exchange("127.0.0.14", server.port(), HEALTH.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void closedWebSocketsGiveTheirConnectionBack() throws Exception {
    // Five sessions one after the other from 127.0.0.1, whose cap is 3 connections.
    for (int i = 0; i < 5; i++) {
      try (VoiceClient client = VoiceClient.open(vertx, server.port(), null)) {
        assertThat(client.ofType("session.start")).hasSize(1);
      }
      Eventually.await("the session to end", 20, () -> server.activeSessions() == 0);
    }
    Eventually.await("every connection to be counted closed", 20, () -> openConnections() == 0);
  }

  @Test
  void aBodyOverTheLimitGets413InOpenAiShapeAndTheConnectionIsClosed() throws Exception {
    String declared = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 100000000\r\n\r\n";
    String chunked = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n";
    for (String head : List.of(declared, chunked)) {
      try (RawHttp http = RawHttp.connect("127.0.0.19", server.port())) {
        http.send(head);
        Thread writer = new Thread(() -> {
          String piece = head == chunked ? "400\r\n" + "x".repeat(1024) + "\r\n" : "x".repeat(1024);
          try {
            for (int i = 0; i < 100_000; i++) { // up to 100 MB: the server must stop reading long before
              http.send(piece);
            }
          } catch (Exception closed) {
            // the server closed the connection: what this test wants
          }
        });
        writer.start();
        String response = http.readToEnd();
        writer.join(30_000);
        assertThat(writer.isAlive()).as("the server stopped reading").isFalse();
        assertThat(response).startsWith("HTTP/1.1 413").contains("\"type\":\"invalid_request_error\"")
            .contains("\"code\":\"request_too_large\"");
      }
    }
    assertThat(activeRequestsGauge()).as("413s are not active requests").isZero();
  }

  @Test
  void staticFilesLeaveNoActiveRequestBehind() throws Exception {
    for (String path : List.of("/", "/app.js", "/style.css", "/index.html")) {
      assertThat(Http.get(server.url() + path, null).statusCode()).isEqualTo(200);
    }
    assertThat(activeRequestsGauge()).isZero();
  }

  private static int openConnections() {
    return server.openConnections();
  }

  /** The sum of vertx_http_server_active_requests, read through /metrics (which is itself one request). */
  private static double activeRequestsGauge() throws Exception {
    String metrics = Http.get(server.url() + "/metrics", null).body();
    Matcher m = Pattern.compile("(?m)^vertx_http_server_active_requests(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
      found = true;
    }
    assertThat(found).as("the gauge is published").isTrue();
    return sum - 1; // the scrape itself is in flight
  }
}
