package voice.agent.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.cli.models.TestModels.entry;
import static voice.agent.cli.models.TestModels.sha256;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.cli.models.ModelServer.Mode;
import voice.models.Catalogue;
import voice.models.ModelStore;

/** {@code models pull} against a local server: whole, resumed, Range ignored, redirected. */
class ModelsPullTest {
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
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--registry";
    all[args.length + 2] = catalogue.toString();
    all[args.length + 3] = "--models-dir";
    all[args.length + 4] = tmp.resolve("models").toString();
    return ModelsCli.run(all);
  }

  @Test
  void pullsAndUnpacksAZipUnwrappingItsTopFolder() throws IOException {
    byte[] zip = TestModels.zip(TestModels.voskLikeModel());
    server.serve("/whole/tiny.zip", zip, Mode.RANGES);
    Path catalogue = TestModels.catalogue(tmp, entry("vosk-tiny", "stt-vosk",
        server.url("/whole/tiny.zip"), zip.length, sha256(zip), "zip"));

    ModelsCli.Result pull = models(catalogue, "pull", "vosk-tiny");

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    Path installed = tmp.resolve("models/vosk-tiny");
    assertThat(installed.resolve("am/final.mdl")).hasBinaryContent(TestModels.randomBytes(150_000, 1));
    assertThat(installed.resolve("conf/model.conf")).exists();
    assertThat(installed.resolve("vosk-model-tiny")).doesNotExist();
    assertThat(pull.out()).contains("installed vosk-tiny at " + installed);
    assertThat(tmp.resolve("models/.pulls/vosk-tiny.partial")).doesNotExist();

    ModelsCli.Result path = models(catalogue, "path", "vosk-tiny");
    assertThat(path.exitCode()).isZero();
    assertThat(path.out().trim()).isEqualTo(installed.toString());
    ModelStore store = new ModelStore(tmp.resolve("models"), Catalogue.load(catalogue.toString()));
    assertThat(store.resolve("vosk-tiny", "stt-vosk")).isEqualTo(installed);
    assertThat(store.firstInstalled("stt-vosk")).get().extracting(m -> m.id()).isEqualTo("vosk-tiny");

    ModelsCli.Result again = models(catalogue, "pull", "vosk-tiny");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already installed");
    assertThat(server.requestsFor("/whole/tiny.zip")).hasSize(1);
  }

  @Test
  void resumesACutTransferWithRange() throws IOException {
    byte[] gguf = TestModels.randomBytes(300_000, 7);
    server.serve("/cut/model.gguf", gguf, Mode.CUT_FIRST_THEN_RANGES);
    Path catalogue = TestModels.catalogue(tmp, entry("llm-cut", "llm-gguf",
        server.url("/cut/model.gguf"), gguf.length, sha256(gguf), "none"));

    ModelsCli.Result first = models(catalogue, "pull", "llm-cut");

    assertThat(first.exitCode()).isNotZero();
    assertThat(first.errLines()).singleElement().asString()
        .startsWith("voice-agent: the download of llm-cut stopped after").contains("run the same command again to resume");
    Path partial = tmp.resolve("models/.pulls/llm-cut.partial");
    long kept = Files.size(partial);
    assertThat(kept).isPositive().isLessThan(gguf.length);
    assertThat(models(catalogue, "path", "llm-cut").exitCode()).isNotZero();

    ModelsCli.Result second = models(catalogue, "pull", "llm-cut");

    assertThat(second.exitCode()).as(second.err()).isZero();
    List<ModelServer.Request> requests = server.requestsFor("/cut/model.gguf");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).range()).isNull();
    assertThat(requests.get(1).range()).isEqualTo("bytes=" + kept + "-");
    assertThat(requests.get(1).status()).isEqualTo(206);
    assertThat(requests.get(1).bodyBytes()).isEqualTo(gguf.length - kept);
    assertThat(tmp.resolve("models/llm-cut/model.gguf")).hasBinaryContent(gguf);
    assertThat(second.out()).contains("resuming llm-cut");
  }

  @Test
  void startsOverWhenTheServerIgnoresRange() throws IOException {
    byte[] gguf = TestModels.randomBytes(120_000, 8);
    server.serve("/norange/model.gguf", gguf, Mode.IGNORE_RANGE);
    Path catalogue = TestModels.catalogue(tmp, entry("llm-norange", "llm-gguf",
        server.url("/norange/model.gguf"), gguf.length, sha256(gguf), "none"));
    Path partial = tmp.resolve("models/.pulls/llm-norange.partial");
    Files.createDirectories(partial.getParent());
    Files.write(partial, new byte[5_000]); // an earlier attempt's bytes, not a prefix of the file

    ModelsCli.Result pull = models(catalogue, "pull", "llm-norange");

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(server.requestsFor("/norange/model.gguf")).singleElement()
        .satisfies(r -> assertThat(r.range()).isEqualTo("bytes=5000-"))
        .satisfies(r -> assertThat(r.status()).isEqualTo(200));
    assertThat(tmp.resolve("models/llm-norange/model.gguf")).hasBinaryContent(gguf);
  }

  @Test
  void followsRedirectsAndLearnsAnUnknownSizeFromTheResponse() throws IOException {
    byte[] zip = TestModels.zip(TestModels.voskLikeModel());
    server.serve("/cdn/lib.zip", zip, Mode.RANGES);
    server.redirect("/releases/lib.zip", server.url("/cdn/lib.zip"));
    Path catalogue = TestModels.catalogue(tmp, entry("native-x", "native-lib",
        server.url("/releases/lib.zip"), -1, sha256(zip), "zip"));

    ModelsCli.Result pull = models(catalogue, "pull", "native-x");

    assertThat(pull.exitCode()).as(pull.err()).isZero();
    assertThat(pull.out()).contains("(" + voice.models.ByteSizes.format(zip.length) + ")");
    assertThat(tmp.resolve("models/native-x/graph/HCLr.fst")).exists();
  }

  @Test
  void aSecondPullOfTheSameModelSaysAnotherIsRunning() throws IOException {
    byte[] gguf = TestModels.randomBytes(10_000, 9);
    server.serve("/locked/model.gguf", gguf, Mode.RANGES);
    Path catalogue = TestModels.catalogue(tmp, entry("llm-locked", "llm-gguf",
        server.url("/locked/model.gguf"), gguf.length, sha256(gguf), "none"));
    Path lockFile = tmp.resolve("models/.pulls/llm-locked.lock");
    Files.createDirectories(lockFile.getParent());

    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      ModelsCli.Result blocked = models(catalogue, "pull", "llm-locked");
      assertThat(blocked.exitCode()).isNotZero();
      assertThat(blocked.errLines()).singleElement().asString()
          .startsWith("voice-agent: another pull of llm-locked is running");
    }
    assertThat(server.requestsFor("/locked/model.gguf")).isEmpty();
    assertThat(models(catalogue, "pull", "llm-locked").exitCode()).isZero();
  }
}
