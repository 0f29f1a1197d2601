package voice.stt.pool;

/** An utterance ended and no decoder of the pool became free in time: the utterance is dropped. */
public final class NoFreeRecognizer extends RuntimeException {
  NoFreeRecognizer(int poolSize, long waitedMs, long heardMs) {
    super("no free speech recognizer (all " + poolSize + " busy) within " + waitedMs
        + " ms: an utterance of " + heardMs + " ms was dropped");
  }
}
