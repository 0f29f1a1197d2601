package voice.agent.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import voice.audio.device.AudioDevices;
import voice.stt.echo.SpeexEchoCanceller;

/**
 * {@code voice-agent devices}: the audio devices Java Sound sees, one per line, as {@code
 * output<TAB>name} or {@code input<TAB>name}. The names (or any part of them) are what
 * {@code --output-device} and {@code --input-device} take. A last line says whether the echo
 * canceller ({@code --aec auto}, the default) is installed, and so used.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
    description = "List audio output and input devices (names for --output-device and --input-device).")
public final class DevicesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    print(out, "output", AudioDevices.outputs(), "use --out FILE.wav or --out - instead");
    print(out, "input", AudioDevices.inputs(), "use --in FILE.wav instead");
    out.println("echo-canceller\t" + (SpeexEchoCanceller.available()
        ? "speexdsp (used by default; --aec off for a device with its own)"
        : "(" + SpeexEchoCanceller.INSTALL_HINT + "; the echo gate works alone)"));
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, String kind, List<String> names, String alternative) {
    if (names.isEmpty()) {
      out.println(kind + "\t(no audio " + kind + " device found; " + alternative + ")");
    }
    for (String name : names) {
      out.println(kind + "\t" + name);
    }
  }
}
