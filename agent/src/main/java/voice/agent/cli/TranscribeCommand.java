package voice.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import voice.agent.UserError;
import voice.agent.events.EventLogWriter;
import voice.audio.in.FileAudioSource;
import voice.core.event.AgentEvent;
import voice.core.io.OsReason;
import voice.core.message.Transcript;
import voice.stt.Recognizer;
import voice.stt.StreamingTranscriber;
import voice.stt.SttOptions;

/**
 * {@code voice-agent transcribe FILE...}: one line per file, the name as given, a tab, what was
 * said. Files are cut into utterances and decoded exactly as live input is, as fast as the
 * machine allows (not paced).
 */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
    description = "Print what is said in WAV files (any rate, mono or stereo) or .raw files"
        + " (16 kHz mono 16-bit): the file name, a tab, the transcript.")
public final class TranscribeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Recordings to transcribe.")
  List<String> files = new ArrayList<>();

  @Mixin RecognizerOptions stt;

  @Option(names = "--events", paramLabel = "FILE|-", description = "Write the partials and finals with timings as JSON lines.")
  String events;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    int failures = 0;
    int decoded = 0;
    try (Recognizer recognizer = stt.recognizers().get(); EventLogWriter log = events == null ? null : EventLogWriter.open(events)) {
      for (String name : files) {
        short[] samples;
        try {
          samples = FileAudioSource.readMono16k(Path.of(name));
        } catch (IOException | RuntimeException e) {
          System.err.println("voice-agent: cannot read " + name + ": " + reason(name, e));
          failures++;
          continue;
        }
        if (decoded++ > 0) {
          // Each file is its own recording: what the engine learned from the last must not color this one.
          recognizer.reset();
        }
        out.println(name + "\t" + transcribe(recognizer, samples, name, log));
        out.flush();
      }
    }
    if (failures > 0) {
      throw new UserError(failures + " of " + files.size() + " files could not be read");
    }
    return 0;
  }

  /** Decodes one file and returns its utterances' text joined by spaces. */
  static String transcribe(Recognizer recognizer, short[] samples, String file, EventLogWriter log) {
    List<String> texts = new ArrayList<>();
    StreamingTranscriber transcriber = new StreamingTranscriber(recognizer, SttOptions.DEFAULT,
        new StreamingTranscriber.Listener() {
          @Override
          public void speechStarted(String utterance, long atMs) {
            emit(log, AgentEvent.of("vad.speech_start", null, "file", file, "utterance", utterance, "at_ms", atMs));
          }

          @Override
          public void partial(Transcript t) {
            emit(log, AgentEvent.of("stt.partial", null, "file", file, "utterance", t.utterance(),
                "text", t.text(), "start_ms", t.startMs(), "end_ms", t.endMs()));
          }

          @Override
          public void speechEnded(String utterance, long atMs) {
            emit(log, AgentEvent.of("vad.speech_end", null, "file", file, "utterance", utterance, "at_ms", atMs));
          }

          @Override
          public void finalResult(Transcript t) {
            if (!t.text().isEmpty()) {
              texts.add(t.text());
            }
            List<Map<String, Object>> words = t.words().stream()
                .map(w -> Map.<String, Object>of("word", w.word(), "start_ms", w.startMs(), "end_ms", w.endMs()))
                .toList();
            emit(log, AgentEvent.of("stt.final", null, "file", file, "utterance", t.utterance(),
                "text", t.text(), "start_ms", t.startMs(), "end_ms", t.endMs(), "words", words));
          }
        });
    int chunk = 1600; // 100 ms, as a capture device would hand it over
    for (int off = 0; off < samples.length; off += chunk) {
      transcriber.accept(samples, off, Math.min(chunk, samples.length - off));
    }
    transcriber.finish();
    return String.join(" ", texts);
  }

  private static void emit(EventLogWriter log, AgentEvent event) {
    if (log != null) {
      log.write(event);
    }
  }

  /** The reader's message without a repeated file name or an exception's name. */
  static String reason(String name, Exception e) {
    if (e instanceof FileSystemException fs) {
      return OsReason.of(fs);
    }
    String message = e.getMessage() == null ? "cannot be read" : e.getMessage();
    for (String shown : new String[] {Path.of(name).toString(), name}) {
      if (message.startsWith(shown + ": ")) {
        return message.substring(shown.length() + 2);
      }
      if (message.endsWith(": " + shown)) {
        return message.substring(0, message.length() - shown.length() - 2);
      }
    }
    return message;
  }
}
