package voice.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A {@code serve} child process's first stdout line, {@code listening on http://HOST:PORT}. */
public final class ServeOutput {
  private ServeOutput() {}

  /** Waits for the first line (the model and voice load first), checks it, and returns the port. */
  public static int port(Process serve, Path stderr) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
    String first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    }).get(120, TimeUnit.SECONDS);
    assertThat(first).as(Files.readString(stderr)).matches("listening on http://127\\.0\\.0\\.1:\\d+");
    return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
  }
}
