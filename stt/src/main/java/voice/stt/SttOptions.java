package voice.stt;

import voice.stt.echo.AecMode;
import voice.core.turn.EndOfTurn;
import voice.stt.vad.EnergyVad;

/**
 * How speech is cut into utterances and fed to the recognizer.
 *
 * @param endSilenceMs trailing silence that ends an utterance
 * @param minSpeechMs voiced time needed before speech counts (shorter noises are ignored)
 * @param preRollMs audio before the detected onset also given to the recognizer, so soft word
 *     beginnings are not cut
 * @param frameMs VAD frame length (10–30 ms)
 * @param partialIntervalMs how much audio is decoded between two partial hypotheses
 * @param queueFrames capacity of the verticle's input queue, in {@code AudioFrame}s
 * @param vad the voice detector's thresholds
 * @param echoGate whether {@link SttVerticle} keeps the assistant's own voice, heard back
 *     through the microphone, from counting as speech (see {@link voice.stt.echo.EchoGate})
 * @param aec the echo canceller ahead of the gate (used only with the gate)
 * @param turn the end-of-turn rules: the words decide how long a pause ends the utterance, and
 *     a pause announces itself (for a speculative request); null for the fixed
 *     {@code endSilenceMs} alone
 * @param maxSpeechMs speech this long without a pause ends the utterance anyway (a radio, a
 *     talker who never stops)
 */
public record SttOptions(
    long endSilenceMs, long minSpeechMs, long preRollMs, int frameMs, int partialIntervalMs,
    int queueFrames, EnergyVad.Settings vad, boolean echoGate, AecMode aec, EndOfTurn.Settings turn,
    long maxSpeechMs) {
  /** Speech without a pause longer than this ends the utterance. */
  public static final long MAX_SPEECH_MS = 60_000;
  public static final SttOptions DEFAULT = new SttOptions(700, 120, 300, 20, 100, 2000, EnergyVad.Settings.DEFAULT,
      true, AecMode.OFF, null, MAX_SPEECH_MS);

  /** Options with the echo gate on, without a canceller. */
  public SttOptions(long endSilenceMs, long minSpeechMs, long preRollMs, int frameMs, int partialIntervalMs,
      int queueFrames, EnergyVad.Settings vad) {
    this(endSilenceMs, minSpeechMs, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, true, AecMode.OFF, null,
        MAX_SPEECH_MS);
  }

  public SttOptions {
    if (frameMs < 10 || frameMs > 30) {
      throw new IllegalArgumentException("frameMs must be 10..30, was " + frameMs);
    }
    if (queueFrames < 1 || partialIntervalMs < frameMs || preRollMs < 0) {
      throw new IllegalArgumentException("invalid SttOptions " + queueFrames + "/" + partialIntervalMs);
    }
    if (aec == null) {
      throw new IllegalArgumentException("aec must not be null");
    }
    if (maxSpeechMs < 1000) {
      throw new IllegalArgumentException("maxSpeechMs must be at least 1000, was " + maxSpeechMs);
    }
  }

  public SttOptions withEndSilenceMs(long ms) {
    return new SttOptions(ms, minSpeechMs, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, echoGate, aec,
        turn == null ? null : turn.withUnsureMs(ms), maxSpeechMs);
  }

  public SttOptions withMinSpeechMs(long ms) {
    return new SttOptions(endSilenceMs, ms, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, echoGate, aec, turn, maxSpeechMs);
  }

  public SttOptions withEchoGate(boolean on) {
    return new SttOptions(endSilenceMs, minSpeechMs, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, on, aec, turn, maxSpeechMs);
  }

  public SttOptions withAec(AecMode mode) {
    return new SttOptions(endSilenceMs, minSpeechMs, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, echoGate, mode, turn, maxSpeechMs);
  }

  /**
   * The end-of-turn rules on (their unsure wait is {@code endSilenceMs}), or off with null.
   */
  public SttOptions withTurn(EndOfTurn.Settings rules) {
    EndOfTurn.Settings aligned = rules == null ? null : rules.withUnsureMs(endSilenceMs);
    return new SttOptions(endSilenceMs, minSpeechMs, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, echoGate, aec,
        aligned, maxSpeechMs);
  }

  public SttOptions withMaxSpeechMs(long ms) {
    return new SttOptions(endSilenceMs, minSpeechMs, preRollMs, frameMs, partialIntervalMs, queueFrames, vad, echoGate, aec,
        turn, ms);
  }
}
