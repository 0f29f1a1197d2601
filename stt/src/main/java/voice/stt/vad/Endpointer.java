package voice.stt.vad;

/**
 * Turns per-frame voice decisions into utterances: speech starts once {@code minSpeechMs} of
 * voiced frames accumulate (shorter blips are dropped), and ends after {@code endSilenceMs} of
 * trailing silence. Times are positions in the input stream in milliseconds.
 */
public final class Endpointer {
  /** What a frame did to the utterance state. */
  public enum Change {
    /** Nothing new. */
    NONE,
    /** Speech confirmed; it began at {@link #speechStartMs()}. */
    SPEECH_START,
    /** A voiced blip was too short to be speech and is forgotten. */
    DISCARDED,
    /** The utterance ended at {@link #speechEndMs()}. */
    SPEECH_END
  }

  private enum State { SILENCE, CANDIDATE, SPEECH }

  private final long endSilenceMs;
  private final long minSpeechMs;
  private final long candidateGapMs;
  private State state = State.SILENCE;
  private long startMs;
  private long voicedMs;
  private long lastVoicedEndMs;

  public Endpointer(long endSilenceMs, long minSpeechMs) {
    if (endSilenceMs <= 0 || minSpeechMs < 0) {
      throw new IllegalArgumentException("endSilenceMs must be > 0 and minSpeechMs >= 0");
    }
    this.endSilenceMs = endSilenceMs;
    this.minSpeechMs = minSpeechMs;
    // Voiced bits of one onset are close together; a longer gap means it was a noise.
    this.candidateGapMs = Math.min(endSilenceMs, 250);
  }

  /** Feeds the decision for the frame covering {@code [frameStartMs, frameEndMs)}. */
  public Change onFrame(boolean voiced, long frameStartMs, long frameEndMs) {
    switch (state) {
      case SILENCE -> {
        if (voiced) {
          state = State.CANDIDATE;
          startMs = frameStartMs;
          voicedMs = 0;
          return onVoiced(frameStartMs, frameEndMs);
        }
        return Change.NONE;
      }
      case CANDIDATE -> {
        if (voiced) {
          return onVoiced(frameStartMs, frameEndMs);
        }
        if (frameEndMs - lastVoicedEndMs >= candidateGapMs) {
          state = State.SILENCE;
          return Change.DISCARDED;
        }
        return Change.NONE;
      }
      default -> {
        if (voiced) {
          lastVoicedEndMs = frameEndMs;
        } else if (frameEndMs - lastVoicedEndMs >= endSilenceMs) {
          state = State.SILENCE;
          return Change.SPEECH_END;
        }
        return Change.NONE;
      }
    }
  }

  private Change onVoiced(long frameStartMs, long frameEndMs) {
    voicedMs += frameEndMs - frameStartMs;
    lastVoicedEndMs = frameEndMs;
    if (voicedMs >= minSpeechMs) {
      state = State.SPEECH;
      return Change.SPEECH_START;
    }
    return Change.NONE;
  }

  /** The input ended: an utterance in progress ends now ({@code SPEECH_END}), a blip is dropped. */
  public Change flush() {
    State was = state;
    state = State.SILENCE;
    return switch (was) {
      case SPEECH -> Change.SPEECH_END;
      case CANDIDATE -> Change.DISCARDED;
      default -> Change.NONE;
    };
  }

  /**
   * Ends the utterance in progress now, as a longer silence would have (the end-of-turn rules
   * decided, or the speech went on too long): {@code SPEECH_END}, or {@code NONE} outside speech.
   */
  public Change endNow() {
    if (state != State.SPEECH) {
      return Change.NONE;
    }
    state = State.SILENCE;
    return Change.SPEECH_END;
  }

  /** Forgets the current utterance without reporting its end. */
  public void reset() {
    state = State.SILENCE;
  }

  public boolean inSpeech() {
    return state == State.SPEECH;
  }

  public boolean inCandidate() {
    return state == State.CANDIDATE;
  }

  public long speechStartMs() {
    return startMs;
  }

  /** End of the last voiced frame of the utterance. */
  public long speechEndMs() {
    return lastVoicedEndMs;
  }
}
