package voice.agent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import voice.core.metrics.Percentiles;

/**
 * Start-up time and resident memory of whole runs of the {@code voice-agent} launcher, per JVM
 * profile and with or without its class-data sharing archive. Runs are child processes, so each
 * pays its own JVM start; peak RSS is the kernel's high-water mark ({@code VmHWM}) of the java
 * process the launcher execs into, which counts native memory (MaryTTS, PocketSphinx) too.
 */
public final class FootprintProbe {
  /** One profile's figures; start-up is the median wall time of {@code say "Hello."}. */
  public record Row(String profile, double startupNoCdsMs, double startupCdsMs, long chatPeakRssKb) {}

  private static final String QUESTION = "What is the capital of France?";
  private final Path launcher;
  private final Path work;
  private final int runs;
  private final PrintStream progress;

  public FootprintProbe(Path launcher, Path work, int runs, PrintStream progress) {
    this.launcher = launcher;
    this.work = work;
    this.runs = runs;
    this.progress = progress;
  }

  /** Measures each profile in turn; the first runs of each also build its archive and files, unmeasured. */
  public List<Row> measure(List<String> profiles) throws IOException, InterruptedException {
    Path question = work.resolve("question.wav");
    run(Map.of(), "say", QUESTION, "--out", question.toString());
    List<Row> rows = new ArrayList<>();
    for (String profile : profiles) {
      Map<String, String> cds = Map.of("VOICE_AGENT_PROFILE", profile);
      Map<String, String> noCds = Map.of("VOICE_AGENT_PROFILE", profile, "VOICE_AGENT_CDS", "off");
      run(cds, "say", "Hello.", "--out", work.resolve("warm.wav").toString());
      List<Double> withArchive = new ArrayList<>();
      List<Double> without = new ArrayList<>();
      for (int i = 0; i < runs; i++) {  // interleaved, so that load on the machine hits both alike
        without.add(run(noCds, "say", "Hello.", "--out", work.resolve("hello.wav").toString()).wallMs);
        withArchive.add(run(cds, "say", "Hello.", "--out", work.resolve("hello.wav").toString()).wallMs);
      }
      String[] chat = {"chat", "--in", question.toString(), "--llm", "demo", "--out", work.resolve("answer.wav").toString()};
      run(cds, chat); // the first chat may make the small profile's dictionary: measured from the second
      long peak = run(cds, chat).peakRssKb;
      Row row = new Row(profile, Percentiles.of(without, 50), Percentiles.of(withArchive, 50), peak);
      progress.printf(Locale.ROOT, "footprint: %s: say \"Hello.\" %.0f ms without the archive, %.0f ms with it; chat peak RSS %d MB%n",
          profile, row.startupNoCdsMs, row.startupCdsMs, peak / 1024);
      rows.add(row);
    }
    return rows;
  }

  private record Finished(double wallMs, long peakRssKb) {}

  private Finished run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("run.log").toFile());
    builder.environment().putAll(env);
    long start = System.nanoTime();
    Process process = builder.start();
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    // The launcher execs java in the same process: its high-water mark only grows, so the last
    // reading before exit is the peak.
    while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
      peak = Math.max(peak, highWaterMarkKb(status));
    }
    double wallMs = (System.nanoTime() - start) / 1e6;
    if (process.exitValue() != 0) {
      throw new IllegalStateException("voice-agent " + String.join(" ", args) + " exited " + process.exitValue()
          + ": " + Files.readString(work.resolve("run.log")).strip());
    }
    return new Finished(wallMs, peak);
  }

  private static long highWaterMarkKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException gone) {
      // the process ended between two readings
    }
    return 0;
  }
}
