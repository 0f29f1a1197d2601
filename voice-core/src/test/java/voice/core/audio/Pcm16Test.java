package voice.core.audio;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class Pcm16Test {
  private static final short[] SAMPLES = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 0x1234};

  @Test
  void samplesAndLittleEndianBytesRoundTrip() {
    byte[] bytes = Pcm16.bytes(SAMPLES);
    assertThat(bytes).startsWith(0, 0, 1, 0, -1, -1, -1, 0x7f, 0, -128, 0x34, 0x12);
    assertThat(Pcm16.samples(bytes, 0, bytes.length)).containsExactly(SAMPLES);
    assertThat(Pcm16.samples(Pcm16.buffer(SAMPLES, 1, 2))).containsExactly(1, -1);
  }

  @Test
  void anOffsetAnOddTailAndBigEndianAreHonoured() {
    byte[] bytes = {9, 0x34, 0x12, 0x01, 0x00, 7};
    assertThat(Pcm16.samples(bytes, 1, 5)).containsExactly(0x1234, 1);
    assertThat(Pcm16.samples(new byte[] {0x12, 0x34}, 0, 2, true)).containsExactly(0x1234);
    assertThat(Pcm16.samples(Buffer.buffer(new byte[] {1}))).isEmpty();
  }
}
