package voice.stt.echo;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The assistant's audio as the loudspeaker plays it, emulated on the microphone's clock: audio
 * queues as it is sent to playback (16 kHz), and every microphone sample "plays" one queued
 * sample, or silence when nothing is queued, just as a device plays what it was written and
 * restarts after a dry spell. A stopped turn's unplayed audio is dropped, as the sink flushes it.
 */
final class PlaybackReference {
  private static final int REMEMBERED_STOPS = 256;

  private record Segment(String turn, short[] pcm) {}

  private final ArrayDeque<Segment> queue = new ArrayDeque<>();
  private final Set<String> stopped = new LinkedHashSet<>();
  private int headOffset;
  private long queuedSamples;

  void add(String turn, short[] pcm) {
    if (pcm.length > 0 && !stopped.contains(turn)) {
      queue.addLast(new Segment(turn, pcm));
      queuedSamples += pcm.length;
    }
  }

  /** The turn's audio stopped (played out, cancelled or interrupted): what is left is never heard. */
  void stop(String turn) {
    stopped.add(turn);
    if (stopped.size() > REMEMBERED_STOPS) {
      Iterator<String> eldest = stopped.iterator();
      eldest.next();
      eldest.remove();
    }
    boolean headRemoved = !queue.isEmpty() && queue.peekFirst().turn().equals(turn);
    for (Iterator<Segment> it = queue.iterator(); it.hasNext(); ) {
      Segment s = it.next();
      if (s.turn().equals(turn)) {
        queuedSamples -= s.pcm().length;
        it.remove();
      }
    }
    if (headRemoved) {
      queuedSamples += headOffset;
      headOffset = 0;
    }
  }

  /** Plays {@code n} samples into {@code out[off..]}: queued audio, then silence. */
  void play(short[] out, int off, int n) {
    int filled = 0;
    while (filled < n && !queue.isEmpty()) {
      Segment head = queue.peekFirst();
      int take = Math.min(n - filled, head.pcm().length - headOffset);
      System.arraycopy(head.pcm(), headOffset, out, off + filled, take);
      filled += take;
      headOffset += take;
      queuedSamples -= take;
      if (headOffset == head.pcm().length) {
        queue.pollFirst();
        headOffset = 0;
      }
    }
    java.util.Arrays.fill(out, off + filled, off + n, (short) 0);
  }

  long queuedSamples() {
    return queuedSamples;
  }
}
