package voice.audio.testdevice;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.Mixer;

/** A mixer with one kind of data line (playback or capture), as a sound card's PCM device. */
public final class VirtualMixer implements Mixer {
  private final Mixer.Info mixerInfo;
  private final DataLine.Info lineInfo;
  private final boolean playback;
  private final Function<DataLine.Info, Line> lines;
  private final List<Line> opened = new ArrayList<>();

  VirtualMixer(String name, DataLine.Info lineInfo, boolean playback, Function<DataLine.Info, Line> lines) {
    this.mixerInfo = new Info(name);
    this.lineInfo = lineInfo;
    this.playback = playback;
    this.lines = lines;
  }

  /** The lines handed out so far, newest last. */
  public synchronized List<Line> lines() {
    return new ArrayList<>(opened);
  }

  @Override
  public Mixer.Info getMixerInfo() {
    return mixerInfo;
  }

  @Override
  public Line.Info[] getSourceLineInfo() {
    return playback ? new Line.Info[] {lineInfo} : new Line.Info[0];
  }

  @Override
  public Line.Info[] getTargetLineInfo() {
    return playback ? new Line.Info[0] : new Line.Info[] {lineInfo};
  }

  @Override
  public Line.Info[] getSourceLineInfo(Line.Info info) {
    return playback && info.matches(lineInfo) ? new Line.Info[] {lineInfo} : new Line.Info[0];
  }

  @Override
  public Line.Info[] getTargetLineInfo(Line.Info info) {
    return !playback && info.matches(lineInfo) ? new Line.Info[] {lineInfo} : new Line.Info[0];
  }

  @Override
  public boolean isLineSupported(Line.Info info) {
    return info.matches(lineInfo);
  }

  @Override
  public synchronized Line getLine(Line.Info info) {
    if (!isLineSupported(info)) {
      throw new IllegalArgumentException("line not supported: " + info);
    }
    Line line = lines.apply(lineInfo);
    opened.add(line);
    return line;
  }

  @Override
  public int getMaxLines(Line.Info info) {
    return isLineSupported(info) ? AudioSystem.NOT_SPECIFIED : 0;
  }

  @Override
  public Line[] getSourceLines() {
    return playback ? lines().toArray(new Line[0]) : new Line[0];
  }

  @Override
  public Line[] getTargetLines() {
    return playback ? new Line[0] : lines().toArray(new Line[0]);
  }

  @Override
  public void synchronize(Line[] lines, boolean maintainSync) {
    throw new IllegalArgumentException("no synchronization");
  }

  @Override
  public void unsynchronize(Line[] lines) {
    throw new IllegalArgumentException("no synchronization");
  }

  @Override
  public boolean isSynchronizationSupported(Line[] lines, boolean maintainSync) {
    return false;
  }

  @Override
  public Line.Info getLineInfo() {
    return new Line.Info(Mixer.class);
  }

  @Override
  public void open() {}

  @Override
  public void close() {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public Control[] getControls() {
    return new Control[0];
  }

  @Override
  public boolean isControlSupported(Control.Type control) {
    return false;
  }

  @Override
  public Control getControl(Control.Type control) {
    throw new IllegalArgumentException("no controls");
  }

  @Override
  public void addLineListener(LineListener listener) {}

  @Override
  public void removeLineListener(LineListener listener) {}

  private static final class Info extends Mixer.Info {
    Info(String name) {
      super(name, "voice-agent tests", "a virtual sound device that runs in real time", "1.0");
    }
  }
}
