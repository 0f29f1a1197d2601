package voice.agent.bench;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import voice.core.event.AgentEvent;
import voice.core.turn.TurnOptions;
import voice.stt.SttOptions;
import voice.tts.SpeechEngine;

/**
 * Turn-taking replayed in real time through PocketSphinx, in the project's own voice: plain
 * questions, utterances with pauses of 700–900 ms inside them (which must not be answered
 * before their end), a backchannel spoken over an answer (which must be resumed), and a real
 * interruption (which must still stop the voice). Every figure is measured against the known
 * positions of the speech in the recording, not against what the voice detector found.
 */
public final class TurnTakingProbe {
  /** "Paris is the capital of France, and it": about 2.5 s of speech. */
  static final int ANSWER_TOKENS = 8;
  /** Silence after an utterance, long enough for its answer to be heard whole. */
  private static final long ANSWER_GAP_MS = 4500;
  /** Where in the answer the backchannel is said, after the question's end. */
  private static final long BACKCHANNEL_AFTER_MS = 1400;

  static final List<String> PLAIN = List.of("What is the capital of France?", "What time is it in Tokyo?",
      "How far away is the moon?");
  static final List<List<Object>> PAUSED = List.of(
      List.of("Set a timer for", 900L, "ten minutes."),
      List.of("My number is five five five", 800L, "one two three four."),
      List.of("I want to", 700L, "go to the store."));
  static final List<String> BACKCHANNELS = List.of("Okay.", "Yeah.", "Right.");

  /** A stretch of the recording: what was said, where it started and where it ended. */
  record Said(String kind, String text, long startMs, long endMs) {}

  /** The recording and what is in it. */
  record Script(Path recording, List<Said> said) {}

  private TurnTakingProbe() {}

  /**
   * Replays the script {@code passes} times; {@code full} says every plain question, pause
   * utterance and backchannel, otherwise one plain question, every pause utterance and one
   * backchannel (the short version CI runs). {@code eventLog}, when not null, gets every
   * replay's public events.
   */
  public static TurnTakingFigures run(Vertx serverVertx, SpeechEngine tts, int passes, boolean full, TurnOptions options,
      SttOptions stt, Consumer<String> progress, Consumer<AgentEvent> eventLog) throws Exception {
    Script script = script(tts, full);
    TurnTakingFigures figures = new TurnTakingFigures();
    try {
      for (int i = 1; i <= passes; i++) {
        progress.accept("turn-taking " + i + "/" + passes + ": " + script.said().size()
            + " utterances replayed in real time (about " + (length(script) / 1000) + " s)");
        List<AgentEvent> events = ReplayedConversation.replay(serverVertx, tts, options, stt, script.recording(), ANSWER_TOKENS);
        figures.add(script.said(), events);
        if (eventLog != null) {
          events.forEach(eventLog);
        }
      }
    } finally {
      Files.deleteIfExists(script.recording());
    }
    return figures;
  }

  static Script script(SpeechEngine tts, boolean full) throws Exception {
    SpokenAudio audio = new SpokenAudio(tts).silence(800);
    List<Said> said = new ArrayList<>();
    // Not measured: the first utterance pays for the recognizer's and the pipeline's warm-up.
    said.add(say(audio, "warm-up", "Hello there."));
    audio.silence(ANSWER_GAP_MS);
    for (String question : full ? PLAIN : PLAIN.subList(0, 1)) {
      said.add(say(audio, "plain", question));
      audio.silence(ANSWER_GAP_MS);
    }
    for (List<Object> parts : PAUSED) {
      long start = audio.positionMs();
      StringBuilder text = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof Long ms) {
          audio.silence(ms);
          text.append(" …");
        } else {
          audio.say((String) part);
          text.append(' ').append(part);
        }
      }
      said.add(new Said("paused", text.toString().strip(), start, audio.positionMs()));
      audio.silence(ANSWER_GAP_MS + 1500); // these wait up to 1.5 s at their end
    }
    for (String backchannel : full ? BACKCHANNELS : BACKCHANNELS.subList(0, 1)) {
      said.add(say(audio, "question", "Tell me about Paris."));
      audio.silence(BACKCHANNEL_AFTER_MS);
      said.add(say(audio, "backchannel", backchannel));
      audio.silence(ANSWER_GAP_MS);
    }
    if (full) {
      said.add(say(audio, "question", "Tell me about Paris."));
      audio.silence(BACKCHANNEL_AFTER_MS);
      said.add(say(audio, "interruption", "Stop. Tell me about Berlin instead."));
      audio.silence(ANSWER_GAP_MS);
    }
    Path file = audio.write(Files.createTempFile("voice-agent-turn-taking", ".wav"));
    return new Script(file, said);
  }

  private static Said say(SpokenAudio audio, String kind, String text) throws Exception {
    long start = audio.positionMs();
    audio.say(text);
    return new Said(kind, text, start, audio.positionMs());
  }

  private static long length(Script script) {
    return script.said().get(script.said().size() - 1).endMs() + ANSWER_GAP_MS;
  }
}
