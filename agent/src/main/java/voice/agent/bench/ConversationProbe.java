package voice.agent.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import voice.core.event.AgentEvent;
import voice.core.turn.TurnOptions;
import voice.stt.SttOptions;
import voice.tts.SpeechEngine;

/**
 * A spoken conversation replayed in real time, as {@code chat --in} does: a question in the
 * project's voice is recognized and answered, then a second utterance interrupts the answer.
 * Measures voice-to-voice (end of the question → first answer audio) and barge-in (onset of
 * the interruption → voice stopped), both from the pipeline's own metrics and, for the stop,
 * against the known offset of the interruption in the recording.
 */
final class ConversationProbe {
  /** The main benchmark's pace; the spoken answer (about 12 s) is still playing when the interruption comes. */
  private static final int ANSWER_TOKENS = 45;

  record Figures(List<Double> voiceToVoiceMs, List<Double> bargeInMs, List<Double> stopAfterOnsetMs,
      List<String> recognized) {}

  private ConversationProbe() {}

  static Figures run(Vertx serverVertx, SpeechEngine tts, int runs, TurnOptions options, SttOptions stt,
      Consumer<String> progress)
      throws Exception {
    SpokenAudio spoken = new SpokenAudio(tts).silence(600).say("What is the capital of France?").silence(6500);
    long interruptionAtMs = spoken.positionMs();
    Path recording = spoken.say("Stop. Tell me about Berlin instead.").silence(2500)
        .write(Files.createTempFile("voice-agent-bench", ".wav"));
    Figures figures = new Figures(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    try {
      for (int i = 1; i <= runs; i++) {
        progress.accept("conversation " + i + "/" + runs + ": question, answer, interruption (real time, about 30 s)");
        collect(ReplayedConversation.replay(serverVertx, tts, options, stt, recording, ANSWER_TOKENS),
            interruptionAtMs, figures);
      }
    } finally {
      Files.deleteIfExists(recording);
    }
    return figures;
  }

  private static void collect(List<AgentEvent> events, long interruptionAtMs, Figures figures) {
    double captureStart = Double.NaN;
    for (AgentEvent event : events) {
      Map<String, Object> fields = event.fields();
      switch (event.type()) {
        case "capture.start" -> captureStart = event.tMs();
        case "stt.final" -> figures.recognized().add(String.valueOf(fields.get("text")));
        case "metrics" -> {
          add(figures.voiceToVoiceMs(), fields.get("voice_to_voice_ms"));
          add(figures.bargeInMs(), fields.get("bargein_ms"));
        }
        case "audio.stop" -> {
          if ("bargein".equals(fields.get("reason")) && !Double.isNaN(captureStart)) {
            figures.stopAfterOnsetMs().add(event.tMs() - (captureStart + interruptionAtMs));
          }
        }
        default -> { }
      }
    }
  }

  private static void add(List<Double> values, Object value) {
    if (value instanceof Number number) {
      values.add(number.doubleValue());
    }
  }
}
