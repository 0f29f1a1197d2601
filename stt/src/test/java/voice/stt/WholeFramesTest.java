package voice.stt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WholeFramesTest {
  @Test
  void piecesOfAnySizeComeOutAsWholeFramesInOrder() {
    WholeFrames frames = new WholeFrames(4);
    List<Integer> lengths = new ArrayList<>();
    List<Short> samples = new ArrayList<>();
    WholeFrames.Sink sink = (pcm, off, len) -> {
      lengths.add(len);
      for (int i = off; i < off + len; i++) {
        samples.add(pcm[i]);
      }
    };
    frames.push(new short[] {1, 2, 3}, sink);
    frames.push(new short[] {4, 5, 6, 7, 8, 9, 10}, sink);
    frames.push(new short[] {11}, sink);
    frames.flush(sink);
    assertThat(lengths).containsExactly(4, 4, 3);
    assertThat(samples).containsExactly((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6, (short) 7,
        (short) 8, (short) 9, (short) 10, (short) 11);
  }

  @Test
  void wholeFramesPassAtOnce() {
    WholeFrames frames = new WholeFrames(4);
    List<Integer> lengths = new ArrayList<>();
    frames.push(new short[8], (pcm, off, len) -> lengths.add(len));
    assertThat(lengths).containsExactly(8);
    frames.flush((pcm, off, len) -> lengths.add(len));
    assertThat(lengths).as("nothing left over").containsExactly(8);
  }
}
