package voice.stt;

import java.util.List;
import voice.core.message.Transcript;
import voice.stt.vad.Endpointer;
import voice.stt.vad.EnergyVad;
import voice.core.turn.EndOfTurn;

/**
 * Cuts a 16 kHz mono stream into utterances (voice detector + endpointer) and decodes each with
 * a {@link Recognizer}, reporting speech start/end, changed partials and finals to a
 * {@link Listener}. Synchronous and single-threaded: the caller's thread does the decoding
 * ({@link SttVerticle} gives it a worker thread, {@code transcribe} runs it flat out).
 */
public final class StreamingTranscriber {
  /** Receives what happens in the stream, in order, on the thread that feeds audio. */
  public interface Listener {
    void speechStarted(String utterance, long atMs);

    /** A partial whose text differs from the previous one of the utterance. */
    void partial(Transcript transcript);

    void speechEnded(String utterance, long atMs);

    /** The utterance's final result; its text may be empty when the speech was only noise. */
    void finalResult(Transcript transcript);

    /**
     * With end-of-turn rules: the speaker paused long enough for a speculative answer to
     * {@code text} (the words so far) to start; the pause began at {@code atMs}.
     */
    default void paused(String utterance, String text, long atMs) {}

    /** After {@link #paused}: the speaker went on within the same utterance at {@code atMs}. */
    default void resumed(String utterance, long atMs) {}
  }

  /** A silence this long is a pause, as far as the cap on speech without one goes. */
  private static final long PAUSE_FOR_CAP_MS = 200;

  private final Recognizer recognizer;
  private final Listener listener;
  private final EnergyVad vad;
  private final Endpointer endpointer;
  private final int frameSamples;
  private final int partialSamples;
  private final short[] frame;
  private int frameFill;
  private final SampleBuffer preRoll;
  private final SampleBuffer pending = SampleBuffer.unbounded();
  private final SampleBuffer feed = SampleBuffer.unbounded();
  private long baseMs;
  private long samplesSeen;
  private int utterances;
  private String utterance;
  private long utteranceAudioStartMs;
  private String lastPartial = "";
  private final EndOfTurn rules;
  private final long maxSpeechMs;
  private boolean pauseAnnounced;
  private long talkingSinceMs;

  public StreamingTranscriber(Recognizer recognizer, SttOptions options, Listener listener) {
    this.recognizer = recognizer;
    this.listener = listener;
    this.vad = new EnergyVad(options.vad());
    this.rules = options.turn() == null ? null : new EndOfTurn(options.turn());
    this.maxSpeechMs = options.maxSpeechMs();
    // With rules, the endpointer's own silence is only the longest wait: the rules end it sooner.
    this.endpointer = new Endpointer(rules == null ? options.endSilenceMs() : options.turn().incompleteMs(),
        options.minSpeechMs());
    this.frameSamples = options.frameMs() * 16;
    this.partialSamples = options.partialIntervalMs() * 16;
    this.frame = new short[frameSamples];
    this.preRoll = new SampleBuffer((int) options.preRollMs() * 16);
  }

  /** Sets the stream position of the first sample; call before any audio. */
  public void startAt(long offsetMs) {
    if (samplesSeen > 0) {
      throw new IllegalStateException("audio already accepted");
    }
    baseMs = offsetMs;
  }

  /** Current position in the input stream, in milliseconds. */
  public long positionMs() {
    return toMs(samplesSeen);
  }

  public void accept(short[] pcm, int off, int len) {
    for (int i = off; i < off + len; ) {
      int n = Math.min(frameSamples - frameFill, off + len - i);
      System.arraycopy(pcm, i, frame, frameFill, n);
      frameFill += n;
      i += n;
      if (frameFill == frameSamples) {
        onFrame();
        frameFill = 0;
      }
    }
  }

  private void onFrame() {
    long startMs = toMs(samplesSeen);
    samplesSeen += frameSamples;
    long endMs = toMs(samplesSeen);
    boolean wasSilent = !endpointer.inCandidate() && !endpointer.inSpeech();
    boolean wasSpeech = endpointer.inSpeech();
    boolean voiced = vad.isVoiced(frame, 0, frameSamples);
    Endpointer.Change change = endpointer.onFrame(voiced, startMs, endMs);
    if (wasSpeech) {
      feed.add(frame, 0, frameSamples);
    } else if (wasSilent && change == Endpointer.Change.NONE && !endpointer.inCandidate()) {
      preRoll.add(frame, 0, frameSamples);
    } else {
      if (wasSilent) {
        utteranceAudioStartMs = startMs - preRoll.size() / 16;
        pending.addAll(preRoll);
        preRoll.clear();
      }
      pending.add(frame, 0, frameSamples);
    }
    switch (change) {
      case SPEECH_START -> startUtterance();
      case DISCARDED -> {
        preRoll.addAll(pending);
        pending.clear();
      }
      case SPEECH_END -> endUtterance(endpointer.speechEndMs());
      default -> {
        if (endpointer.inSpeech() && feed.size() >= partialSamples) {
          decodeFeed();
        }
        if (endpointer.inSpeech() && turnOver(voiced, endMs)) {
          endpointer.endNow();
          endUtterance(endpointer.speechEndMs());
        }
      }
    }
  }

  /**
   * Whether the utterance ends at this frame before the endpointer's own silence: the rules
   * find the pause long enough for the words so far, or the speech went on too long without a
   * pause. Announces pauses (and the speech going on after one) on the way.
   */
  private boolean turnOver(boolean voiced, long endMs) {
    if (voiced) {
      if (pauseAnnounced) {
        pauseAnnounced = false;
        listener.resumed(utterance, endMs);
      }
      return endMs - talkingSinceMs >= maxSpeechMs;
    }
    long pause = endMs - endpointer.speechEndMs();
    if (pause >= PAUSE_FOR_CAP_MS) {
      talkingSinceMs = endMs;
    }
    if (rules == null) {
      return false;
    }
    long earliest = Math.min(rules.settings().speculativeMs(), rules.settings().completeMs());
    if (pause < earliest) {
      return false;
    }
    decodeFeed(); // the words up to the pause decide, not a partial from 100 ms ago
    if (!pauseAnnounced && pause >= rules.speculateAfterMs(lastPartial)) {
      pauseAnnounced = true;
      listener.paused(utterance, lastPartial, endpointer.speechEndMs());
    }
    return pause >= rules.endAfterMs(lastPartial);
  }

  private void startUtterance() {
    utterance = "u" + (++utterances);
    lastPartial = "";
    pauseAnnounced = false;
    talkingSinceMs = endpointer.speechStartMs();
    listener.speechStarted(utterance, endpointer.speechStartMs());
    recognizer.startUtterance();
    feed.addAll(pending);
    pending.clear();
    decodeFeed();
  }

  private void decodeFeed() {
    if (feed.size() == 0) {
      return;
    }
    Hypothesis hypothesis = recognizer.accept(feed.array(), 0, feed.size());
    feed.clear();
    if (!hypothesis.isEmpty() && !hypothesis.text().equals(lastPartial)) {
      lastPartial = hypothesis.text();
      listener.partial(new Transcript(utterance, hypothesis.text(), false,
          endpointer.speechStartMs(), positionMs(), shift(hypothesis.words())));
    }
  }

  private void endUtterance(long endMs) {
    decodeFeed();
    // The end is told before the final decode: it is known now, and a recognizer that cannot
    // finish (a pool with no free decoder) must not leave the utterance open for the listener.
    listener.speechEnded(utterance, endMs);
    Hypothesis result = recognizer.endUtterance();
    listener.finalResult(new Transcript(utterance, result.text(), true,
        endpointer.speechStartMs(), endMs, shift(result.words())));
    preRoll.clear();
  }

  /** The input ended: an utterance in progress ends and its final is reported. */
  public void finish() {
    if (endpointer.inSpeech() && frameFill > 0) {
      feed.add(frame, 0, frameFill);
    }
    frameFill = 0;
    Endpointer.Change change = endpointer.flush();
    if (change == Endpointer.Change.SPEECH_END) {
      endUtterance(endpointer.speechEndMs());
    }
    pending.clear();
  }

  /** Drops the utterance in progress without reporting its end or result; false if there was none. */
  public boolean abort() {
    boolean speaking = endpointer.inSpeech();
    if (speaking) {
      recognizer.endUtterance();
    }
    endpointer.reset();
    pending.clear();
    feed.clear();
    return speaking;
  }

  public boolean inSpeech() {
    return endpointer.inSpeech();
  }

  private List<Transcript.Word> shift(List<Transcript.Word> words) {
    return words.stream()
        .map(w -> new Transcript.Word(w.word(), w.startMs() + utteranceAudioStartMs,
            w.endMs() + utteranceAudioStartMs))
        .toList();
  }

  private long toMs(long samples) {
    return baseMs + samples / 16;
  }
}
