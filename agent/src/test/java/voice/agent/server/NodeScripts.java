package voice.agent.server;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the node scripts of src/test/node, whose packages .ci/run installs with npm ci. */
final class NodeScripts {
  static final Path DIR = Path.of("src/test/node").toAbsolutePath();

  private NodeScripts() {}

  /** Runs {@code node SCRIPT ARGS...} and returns its stdout; fails with its stderr. */
  static String run(String script, String... args) throws Exception {
    requireInstalled(DIR);
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return exec(command, 120);
  }

  /** Installing is .ci/run's job: a test that fetches packages by itself would hide a missing step. */
  static void requireInstalled(Path dir) {
    if (!Files.isDirectory(dir.resolve("node_modules/openai"))) {
      throw new AssertionError("the openai npm client is not installed in " + dir
          + ": run (cd agent/src/test/node && npm ci), as .ci/run does");
    }
  }

  private static String exec(List<String> command, long timeoutSeconds) throws Exception {
    File err = File.createTempFile("node-err", ".txt");
    File out = File.createTempFile("node-out", ".txt");
    try {
      Process process = new ProcessBuilder(command).directory(DIR.toFile())
          .redirectOutput(out).redirectError(err).start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
      }
      String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": "
            + Files.readString(err.toPath(), StandardCharsets.UTF_8) + stdout);
      }
      return stdout;
    } finally {
      err.delete();
      out.delete();
    }
  }
}
