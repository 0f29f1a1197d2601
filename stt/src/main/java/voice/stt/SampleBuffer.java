package voice.stt;

import java.util.Arrays;

/** A growable run of 16-bit samples, optionally keeping only the newest {@code limit}. */
final class SampleBuffer {
  private final int limit;
  private short[] data = new short[4096];
  private int size;

  SampleBuffer(int limit) {
    this.limit = limit;
  }

  static SampleBuffer unbounded() {
    return new SampleBuffer(Integer.MAX_VALUE);
  }

  void add(short[] pcm, int off, int len) {
    if (size + len > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, size + len));
    }
    System.arraycopy(pcm, off, data, size, len);
    size += len;
    if (size > limit) {
      int drop = size - limit;
      System.arraycopy(data, drop, data, 0, limit);
      size = limit;
    }
  }

  void addAll(SampleBuffer other) {
    add(other.data, 0, other.size);
  }

  short[] array() {
    return data;
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }
}
