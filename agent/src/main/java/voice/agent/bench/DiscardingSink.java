package voice.agent.bench;

import voice.audio.out.AudioSink;

/**
 * A sink that drops what it is given and only counts it. Wrapped in a
 * {@link voice.audio.out.RealtimePacedSink} it is a sound card without a speaker: playback takes
 * real time, so underruns are real, and nothing is heard on a shared machine.
 */
final class DiscardingSink implements AudioSink {
  private long frames;

  @Override
  public synchronized void open(int sampleRate) {
    frames = 0;
  }

  @Override
  public synchronized void write(byte[] pcm, int off, int len) {
    frames += len / 2;
  }

  @Override
  public void flush() {}

  @Override
  public void drain() {}

  @Override
  public void close() {}

  @Override
  public synchronized long playedFrames() {
    return frames;
  }

  @Override
  public boolean realtime() {
    return false;
  }
}
