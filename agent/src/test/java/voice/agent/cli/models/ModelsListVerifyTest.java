package voice.agent.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static voice.agent.cli.models.TestModels.entry;
import static voice.agent.cli.models.TestModels.sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import voice.agent.cli.models.ModelServer.Mode;

/** {@code models list | verify | rm}: offline listing, re-hashing, removal. */
class ModelsListVerifyTest {
  @TempDir Path tmp;

  @Test
  void theBundledCatalogueListsWithNoNetworkAtAll() {
    ModelsCli.Result list = ModelsCli.run("models", "list", "--models-dir", tmp.toString());

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).contains("ID", "KIND", "DOWNLOAD", "MEMORY", "INSTALLED", "DESCRIPTION");
    assertThat(list.out().lines().filter(l -> l.startsWith("qwen2.5-0.5b-instruct")))
        .singleElement().asString().contains("llm-gguf", "491 MB", "~650 MB", " no ");
    assertThat(list.out().lines().filter(l -> l.startsWith("vosk-native-linux-aarch64")))
        .singleElement().asString().contains("native-lib", "?");
    assertThat(list.out()).contains("vosk-small-en-us", "41.2 MB");
  }

  @Test
  void verifyFindsACorruptedFileAndRmRemovesTheModel() throws IOException {
    byte[] zip = TestModels.zip(TestModels.voskLikeModel());
    byte[] gguf = TestModels.randomBytes(40_000, 21);
    try (ModelServer server = new ModelServer()) {
      server.serve("/v/model.zip", zip, Mode.RANGES);
      server.serve("/v/model.gguf", gguf, Mode.RANGES);
      Path catalogue = TestModels.catalogue(tmp,
          entry("vosk-v", "stt-vosk", server.url("/v/model.zip"), zip.length, sha256(zip), "zip"),
          entry("llm-v", "llm-gguf", server.url("/v/model.gguf"), gguf.length, sha256(gguf), "none"));
      String[] opts = {"--registry", catalogue.toString(), "--models-dir", tmp.resolve("m").toString()};
      assertThat(run(opts, "pull", "vosk-v", "llm-v").exitCode()).isZero();

      ModelsCli.Result list = run(opts, "list");
      assertThat(list.out().lines().filter(l -> l.startsWith("llm-v")))
          .singleElement().asString().contains("yes, 40.");
      assertThat(run(opts, "verify").out()).contains("ok     vosk-v", "ok     llm-v");

      Files.write(tmp.resolve("m/vosk-v/conf/model.conf"), "--sample-frequency=16001\n".getBytes());
      Files.write(tmp.resolve("m/llm-v/model.gguf"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
      ModelsCli.Result verify = run(opts, "verify");
      assertThat(verify.exitCode()).isNotZero();
      assertThat(verify.out()).contains("FAILED vosk-v: checksum mismatch for conf/model.conf")
          .contains("FAILED llm-v: model.gguf is 40003 bytes, expected 40000");
      assertThat(verify.errLines()).singleElement().asString()
          .startsWith("voice-agent: 2 model(s) failed verification: vosk-v, llm-v");

      assertThat(run(opts, "rm", "vosk-v").exitCode()).isZero();
      assertThat(tmp.resolve("m/vosk-v")).doesNotExist();
      assertThat(run(opts, "path", "vosk-v").exitCode()).isNotZero();
      ModelsCli.Result again = run(opts, "rm", "vosk-v");
      assertThat(again.errLines()).singleElement().asString().isEqualTo("voice-agent: vosk-v is not installed");
      assertThat(run(opts, "verify", "vosk-v").exitCode()).isNotZero();
    }
  }

  private static ModelsCli.Result run(String[] opts, String... args) {
    String[] all = new String[1 + args.length + opts.length];
    all[0] = "models";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(opts, 0, all, 1 + args.length, opts.length);
    return ModelsCli.run(all);
  }
}
