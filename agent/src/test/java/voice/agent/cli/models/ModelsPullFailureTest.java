package voice.agent.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.cli.models.TestModels.entry;
import static voice.agent.cli.models.TestModels.sha256;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.cli.models.ModelServer.Mode;

/** Every way a pull can fail ends in one clear line, a non-zero exit and nothing installed. */
class ModelsPullFailureTest {
  private static ModelServer server;
  @TempDir Path tmp;

  @BeforeAll
  static void startServer() throws IOException {
    server = new ModelServer();
  }

  @AfterAll
  static void stopServer() throws IOException {
    server.close();
  }

  private ModelsCli.Result models(Path catalogue, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "models";
    all[1] = "--registry";
    all[2] = catalogue.toString();
    all[3] = "--models-dir";
    all[4] = tmp.resolve("models").toString();
    System.arraycopy(args, 0, all, 5, args.length);
    return ModelsCli.run(all);
  }

  private static void assertOneLineFailure(ModelsCli.Result result, String start) {
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.errLines()).singleElement().asString().startsWith("voice-agent: " + start);
  }

  private void assertNothingInstalled(String id) throws IOException {
    assertThat(tmp.resolve("models").resolve(id)).doesNotExist();
    Path work = tmp.resolve("models/.pulls");
    if (Files.isDirectory(work)) {
      try (Stream<Path> files = Files.list(work)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .noneMatch(name -> name.contains(".unpack-"));
      }
    }
  }

  @Test
  void aWrongChecksumDeletesTheDownloadAndNamesBothHashes() throws IOException {
    byte[] gguf = TestModels.randomBytes(50_000, 11);
    String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));
    server.serve("/bad/model.gguf", gguf, Mode.RANGES);
    Path catalogue = TestModels.catalogue(tmp, entry("llm-bad", "llm-gguf",
        server.url("/bad/model.gguf"), gguf.length, wrong, "none"));

    ModelsCli.Result pull = models(catalogue, "pull", "llm-bad");

    assertOneLineFailure(pull, "checksum mismatch for llm-bad");
    assertThat(pull.err()).contains("expected " + wrong).contains("got " + sha256(gguf));
    assertThat(tmp.resolve("models/.pulls/llm-bad.partial")).doesNotExist();
    assertNothingInstalled("llm-bad");
  }

  @Test
  void aZipEntryEscapingTheFolderIsRefusedAndNothingIsWrittenOutside() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("model/ok.txt", "fine".getBytes(StandardCharsets.UTF_8));
    entries.put("../evil.txt", "escaped".getBytes(StandardCharsets.UTF_8));
    entries.put("model/../../../evil2.txt", "escaped".getBytes(StandardCharsets.UTF_8));
    byte[] zip = TestModels.zip(entries);
    server.serve("/slip/model.zip", zip, Mode.RANGES);
    Path catalogue = TestModels.catalogue(tmp, entry("vosk-slip", "stt-vosk",
        server.url("/slip/model.zip"), zip.length, sha256(zip), "zip"));

    ModelsCli.Result pull = models(catalogue, "pull", "vosk-slip");

    assertOneLineFailure(pull, "the archive of vosk-slip has an entry that escapes its folder (../evil.txt)");
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.map(p -> p.getFileName().toString())).doesNotContain("evil.txt", "evil2.txt");
    }
    assertNothingInstalled("vosk-slip");
  }

  @Test
  void notEnoughDiskSpaceStopsBeforeDownloading() throws IOException {
    server.serve("/huge/model.gguf", new byte[10], Mode.RANGES);
    Path catalogue = TestModels.catalogue(tmp, entry("llm-huge", "llm-gguf",
        server.url("/huge/model.gguf"), 1_000_000_000_000_000L, sha256(new byte[10]), "none"));

    ModelsCli.Result pull = models(catalogue, "pull", "llm-huge");

    assertOneLineFailure(pull, "not enough disk space for llm-huge: it needs 1.0 PB but only");
    assertThat(server.requestsFor("/huge/model.gguf")).isEmpty();
    assertNothingInstalled("llm-huge");
  }

  @Test
  void notEnoughDiskSpaceForASizeOnlyTheServerKnows() throws IOException {
    server.serve("/huge/lib.zip", new byte[0], Mode.HUGE_LENGTH);
    Path catalogue = TestModels.catalogue(tmp, entry("native-huge", "native-lib",
        server.url("/huge/lib.zip"), -1, sha256(new byte[0]), "zip"));

    ModelsCli.Result pull = models(catalogue, "pull", "native-huge");

    assertOneLineFailure(pull, "not enough disk space for native-huge");
    assertThat(server.requestsFor("/huge/lib.zip")).hasSize(1);
    assertThat(tmp.resolve("models/.pulls/native-huge.partial")).doesNotExist();
    assertNothingInstalled("native-huge");
  }

  @Test
  void anUnreachableServerSaysHowToInstallByHand() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    byte[] gguf = TestModels.randomBytes(20_000, 12);
    Path catalogue = TestModels.catalogue(tmp, entry("llm-offline", "llm-gguf",
        "http://127.0.0.1:" + closedPort + "/model.gguf", gguf.length, sha256(gguf), "none"));

    ModelsCli.Result pull = models(catalogue, "pull", "llm-offline");

    assertOneLineFailure(pull, "cannot download llm-offline from http://127.0.0.1:" + closedPort);
    assertThat(pull.err()).contains("voice-agent models pull llm-offline --from FILE")
        .contains("voice-agent models path llm-offline");
    assertNothingInstalled("llm-offline");
    ModelsCli.Result path = models(catalogue, "path", "llm-offline");
    assertOneLineFailure(path, "llm-offline is not installed; it goes at "
        + tmp.resolve("models/llm-offline/model.gguf"));

    Path byHand = tmp.resolve("downloaded.gguf");
    Files.write(byHand, gguf);
    ModelsCli.Result from = models(catalogue, "pull", "llm-offline", "--from", byHand.toString());
    assertThat(from.exitCode()).as(from.err()).isZero();
    assertThat(tmp.resolve("models/llm-offline/model.gguf")).hasBinaryContent(gguf);
    assertThat(models(catalogue, "path", "llm-offline").out().trim())
        .isEqualTo(tmp.resolve("models/llm-offline/model.gguf").toString());
  }

  @Test
  void unknownIdsAndBadCataloguesAreOneLine() throws IOException {
    Path catalogue = TestModels.catalogue(tmp);
    assertOneLineFailure(models(catalogue, "pull", "nope"), "unknown model nope");
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"models\": [ {\"id\": \"x\" ");
    assertOneLineFailure(models(broken, "list"), "model catalogue " + broken + " is not valid JSON");
    assertOneLineFailure(models(tmp.resolve("missing.json"), "list"), "model catalogue");
  }
}
