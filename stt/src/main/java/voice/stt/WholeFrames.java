package voice.stt;

/**
 * Regroups audio arriving in pieces of any size into whole frames of one size, since the echo
 * canceller takes only whole frames and must see every sample in order. Input already cut in
 * whole frames passes at once; otherwise up to one frame waits for the next piece.
 */
final class WholeFrames {
  /** Receives {@code pcm[off, off + len)}; the array may be reused after the call. */
  interface Sink {
    void accept(short[] pcm, int off, int len);
  }

  private final short[] pending;
  private int count;

  WholeFrames(int frameSize) {
    this.pending = new short[frameSize];
  }

  void push(short[] pcm, Sink sink) {
    int at = 0;
    if (count > 0) {
      int take = Math.min(pending.length - count, pcm.length);
      System.arraycopy(pcm, 0, pending, count, take);
      count += take;
      at = take;
      if (count < pending.length) {
        return;
      }
      sink.accept(pending, 0, pending.length);
      count = 0;
    }
    int whole = (pcm.length - at) / pending.length * pending.length;
    if (whole > 0) {
      sink.accept(pcm, at, whole);
      at += whole;
    }
    count = pcm.length - at;
    System.arraycopy(pcm, at, pending, 0, count);
  }

  /** Hands on what is left, shorter than a frame. */
  void flush(Sink sink) {
    if (count > 0) {
      sink.accept(pending, 0, count);
      count = 0;
    }
  }
}
