package voice.audio.out;

/**
 * Where synthesized speech goes, with the contract of a sound card: 16-bit signed
 * little-endian mono PCM, {@link #write} blocks while the device buffer is full, {@link #flush}
 * silences at once. One thread uses a sink at a time (the {@link PlaybackVerticle}'s writer).
 */
public interface AudioSink {
  /** Opens (or reopens at another rate) for 16-bit signed little-endian mono PCM. */
  void open(int sampleRate);

  /** Queues audio for playing; blocks while the buffer is full. */
  void write(byte[] pcm, int off, int len);

  /** Discards what is buffered and not yet played: the voice stops now. */
  void flush();

  /** Blocks until everything written has been played. */
  void drain();

  /** Releases the device or file; a file sink finishes its file here. */
  void close();

  /**
   * Drops what was written, for a run that failed: a file sink deletes its file and ignores
   * every later call, {@link #close} included. A device or a stream has nothing to take back.
   */
  default void discard() {}

  /**
   * Frames played since {@link #open} (a device's position; for a sink that does not play in
   * real time, the frames written). Never more than the frames written.
   */
  long playedFrames();

  /**
   * Whether audio leaves this sink at real-time speed (a device, or a paced file or stream), so
   * running out of audio is audible and counts as an underrun.
   */
  boolean realtime();
}
