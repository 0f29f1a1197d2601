package voice.stt;

import java.util.List;
import voice.core.message.Transcript;
import voice.stt.vad.Endpointer;
import voice.stt.vad.EnergyVad;

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
  }

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

  public StreamingTranscriber(Recognizer recognizer, SttOptions options, Listener listener) {
    this.recognizer = recognizer;
    this.listener = listener;
    this.vad = new EnergyVad(options.vad());
    this.endpointer = new Endpointer(options.endSilenceMs(), options.minSpeechMs());
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
    Endpointer.Change change = endpointer.onFrame(vad.isVoiced(frame, 0, frameSamples), startMs, endMs);
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
      }
    }
  }

  private void startUtterance() {
    utterance = "u" + (++utterances);
    lastPartial = "";
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
