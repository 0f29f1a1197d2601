package voice.agent.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.cli.models.TestModels.entry;
import static voice.agent.cli.models.TestModels.sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.cli.models.ModelServer.Mode;

/** A pull killed while unpacking leaves nothing that looks installed; the next one succeeds. */
class ModelsKilledPullTest {
  @TempDir Path tmp;

  @Test
  void aPullKilledDuringUnpackIsNotInstalledAndTheNextPullFinishesIt() throws Exception {
    byte[] zip = TestModels.zip(TestModels.voskLikeModel());
    try (ModelServer server = new ModelServer()) {
      server.serve("/killed/model.zip", zip, Mode.RANGES);
      Path catalogue = TestModels.catalogue(tmp, entry("vosk-killed", "stt-vosk",
          server.url("/killed/model.zip"), zip.length, sha256(zip), "zip"));
      Path models = tmp.resolve("models");

      int exit = runChild(catalogue, models, "vosk-killed");

      assertThat(exit).isEqualTo(KilledPullMain.KILLED);
      assertThat(models.resolve("vosk-killed")).doesNotExist();
      assertThat(leftoverUnpackFiles(models)).isNotEmpty(); // it really died mid-unpack
      String[] dirArgs = {"--registry", catalogue.toString(), "--models-dir", models.toString()};
      ModelsCli.Result path = ModelsCli.run(concat(new String[] {"models", "path", "vosk-killed"}, dirArgs));
      assertThat(path.exitCode()).isNotZero();
      assertThat(path.errLines()).singleElement().asString().contains("vosk-killed is not installed");
      ModelsCli.Result list = ModelsCli.run(concat(new String[] {"models", "list"}, dirArgs));
      assertThat(list.out().lines().filter(l -> l.startsWith("vosk-killed")))
          .singleElement().asString().contains(" no ");

      ModelsCli.Result pull = ModelsCli.run(concat(new String[] {"models", "pull", "vosk-killed"}, dirArgs));

      assertThat(pull.exitCode()).as(pull.err()).isZero();
      assertThat(models.resolve("vosk-killed/am/final.mdl")).hasBinaryContent(TestModels.randomBytes(150_000, 1));
      assertThat(leftoverUnpackFiles(models)).isEmpty();
      // the complete, verified download was reused: the server saw one request in all
      assertThat(server.requestsFor("/killed/model.zip")).hasSize(1);
      ModelsCli.Result verify = ModelsCli.run(concat(new String[] {"models", "verify"}, dirArgs));
      assertThat(verify.exitCode()).as(verify.err()).isZero();
      assertThat(verify.out()).contains("ok     vosk-killed");
    }
  }

  private static int runChild(Path catalogue, Path models, String id) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KilledPullMain.class.getName(), catalogue.toString(), models.toString(), id)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!child.waitFor(2, TimeUnit.MINUTES)) {
      child.destroyForcibly();
      throw new AssertionError("the child pull never finished");
    }
    return child.exitValue();
  }

  private static List<Path> leftoverUnpackFiles(Path models) throws IOException {
    Path work = models.resolve(".pulls");
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(work)) {
      return files.filter(p -> p.toString().contains(".unpack-") && Files.isRegularFile(p)).toList();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

}
