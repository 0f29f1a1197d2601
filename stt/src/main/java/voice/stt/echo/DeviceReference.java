package voice.stt.echo;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import voice.core.audio.Resampler;

/**
 * The assistant's audio on the microphone's sample clock (16 kHz): for each microphone sample,
 * what the loudspeaker plays at that moment. Audio comes in two ways:
 *
 * <ul>
 *   <li>{@link #place}: pieces the playback stage wrote to its device, each where it sounds (its
 *       monotonic time mapped onto the microphone's clock from when capture started). A piece that
 *       continues the device's stream goes exactly after the previous one, resampled by the same
 *       resampler, so the reference never slips a sample and the canceller's filter keeps fitting.
 *   <li>{@link #append}: audio known only as sent to playback (no device report): it plays as
 *       soon as nothing queued is ahead of it, as a device restarts after a dry spell.
 * </ul>
 *
 * A flush ({@link #cutAt}) or a stopped turn ({@link #stop}) drops what would sound after it.
 */
final class DeviceReference {
  private static final int RATE = Resampler.RATE_16K;
  private static final int SLIP = 2; // microphone samples a continuing piece may stray before it counts as a new start
  private static final int MAX_GAP_SECONDS = 1; // a longer silence starts the resampler anew
  private static final int REMEMBERED_STOPS = 256;

  private static final class Segment {
    final String turn;
    final long start;
    short[] pcm;

    Segment(String turn, long start, short[] pcm) {
      this.turn = turn;
      this.start = start;
      this.pcm = pcm;
    }

    long end() {
      return start + pcm.length;
    }
  }

  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final Set<String> stopped = new LinkedHashSet<>();
  private long now; // microphone samples played so far
  private long captureUs = Long.MIN_VALUE;
  private Resampler resampler; // for audio only sent
  private int resamplerRate;
  private String resamplerTurn;
  private Resampler stream; // for the device's stream, through its silences
  private int streamRate;
  private long streamFrames; // device samples fed to it, on the microphone's clock
  private long streamIndex; // where its next output sounds, in microphone samples
  private long nextFrame = -1;
  private long lostSamples; // audio that arrived after the microphone had passed it

  /** The microphone's first sample was captured at {@code us} (monotonic microseconds). */
  void captureStartedAt(long us) {
    captureUs = us;
  }

  /** A piece the device sounds from {@code playsAtUs}: {@code pcm} at {@code rate}, at device position {@code frame}. */
  void place(String turn, int rate, long frame, long playsAtUs, short[] pcm) {
    if (captureUs == Long.MIN_VALUE) {
      captureUs = playsAtUs - now * 1_000_000L / RATE; // no capture start known: assume it sounds now
    }
    // Where it sounds, in device samples on the microphone's clock: placed at the device's own
    // rate, before resampling, so a new start is off by at most half a device sample.
    long target = Math.round((playsAtUs - captureUs) * (rate / 1e6));
    boolean continues = stream != null && rate == streamRate && frame == nextFrame
        && Math.abs(target - streamFrames) <= SLIP * rate / RATE;
    if (continues) {
      target = streamFrames;
    } else if (stream == null || rate != streamRate || target < streamFrames || target - streamFrames > MAX_GAP_SECONDS * rate) {
      restartStream(rate, target);
    }
    if (target > streamFrames) { // the device was silent in between: the same resampler goes through the silence
      feed(turn, new short[(int) (target - streamFrames)]);
    }
    feed(turn, pcm);
    nextFrame = frame + pcm.length;
  }

  private void restartStream(int rate, long target) {
    stream = new Resampler(rate, RATE);
    streamRate = rate;
    // Start on a device sample that falls on a microphone sample, so the resampler's outputs do.
    streamFrames = rate % RATE == 0 ? target - Math.floorMod(target, rate / RATE) : target;
    streamIndex = streamFrames * RATE / rate;
  }

  private void feed(String turn, short[] pcm) {
    short[] out = stream.process(pcm, 0, pcm.length);
    streamFrames += pcm.length;
    insert(turn, streamIndex, out);
    streamIndex += out.length;
  }

  /** Nothing sounds from {@code us} on (the device was flushed). */
  void cutAt(long us) {
    if (captureUs != Long.MIN_VALUE) {
      truncate(Math.max(now, Math.round((us - captureUs) * (RATE / 1e6))), null);
    }
    nextFrame = -1;
  }

  /** Audio sent to playback at {@code rate}, played after what is queued (or now). */
  void append(String turn, int rate, short[] pcm) {
    if (stopped.contains(turn) || pcm.length == 0) {
      return;
    }
    if (resampler == null || !turn.equals(resamplerTurn) || rate != resamplerRate) {
      resampler = new Resampler(rate, RATE);
      resamplerRate = rate;
      resamplerTurn = turn;
    }
    long start = segments.isEmpty() ? now : Math.max(now, segments.peekLast().end());
    insert(turn, start, resampler.process(pcm, 0, pcm.length));
  }

  /** The turn's audio stopped: what of it is not yet played never will be, and later audio of it is ignored. */
  void stop(String turn) {
    stopped.add(turn);
    if (stopped.size() > REMEMBERED_STOPS) {
      Iterator<String> eldest = stopped.iterator();
      eldest.next();
      eldest.remove();
    }
    truncate(now, turn);
  }

  /** Plays {@code n} samples into {@code out[off..]}: what sounds then, silence elsewhere. */
  void play(short[] out, int off, int n) {
    Arrays.fill(out, off, off + n, (short) 0);
    long to = now + n;
    for (Segment s : segments) {
      if (s.start >= to) {
        break;
      }
      long from = Math.max(now, s.start);
      long until = Math.min(to, s.end());
      if (until > from) {
        System.arraycopy(s.pcm, (int) (from - s.start), out, off + (int) (from - now), (int) (until - from));
      }
    }
    while (!segments.isEmpty() && segments.peekFirst().end() <= to) {
      segments.pollFirst();
    }
    now = to;
  }

  /** Reference samples that arrived after their moment had passed on the microphone, so far. */
  long lostSamples() {
    return lostSamples;
  }

  long queuedSamples() {
    long queued = 0;
    for (Segment s : segments) {
      queued += Math.max(0, s.end() - Math.max(now, s.start));
    }
    return queued;
  }

  private void insert(String turn, long start, short[] pcm) {
    if (start < now) { // arrived late: the part already past is lost
      int skip = (int) Math.min(pcm.length, now - start);
      lostSamples += skip;
      pcm = Arrays.copyOfRange(pcm, skip, pcm.length);
      start = now;
    }
    if (pcm.length == 0) {
      return;
    }
    truncate(start, null); // the device plays one thing at a time: a newer start wins
    segments.addLast(new Segment(turn, start, pcm));
  }

  /** Drops what sounds from {@code from} on: of every turn, or of {@code turn} only. */
  private void truncate(long from, String turn) {
    for (Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
      Segment s = it.next();
      if (turn != null && !turn.equals(s.turn)) {
        continue;
      }
      if (s.start >= from) {
        it.remove();
      } else if (s.end() > from) {
        s.pcm = Arrays.copyOf(s.pcm, (int) (from - s.start));
      }
    }
  }
}
