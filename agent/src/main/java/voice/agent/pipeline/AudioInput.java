package voice.agent.pipeline;

import io.vertx.core.Deployable;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import voice.agent.UserError;
import voice.audio.device.AudioDeviceException;
import voice.audio.device.AudioDevices;
import voice.audio.in.FileAudioSource;
import voice.audio.in.MicrophoneSource;
import voice.audio.in.StreamAudioSource;

/**
 * Where a conversation's audio comes from: the stage that publishes its frames on
 * {@code voice.audio.in}, made by the pipeline in the conversation's scope with a thread of its own.
 */
@FunctionalInterface
public interface AudioInput {
  Deployable source(String scope, Executor thread);

  /** A recording already read (16 kHz mono), replayed in real time as a microphone would capture it. */
  static AudioInput recording(short[] mono16k) {
    return (scope, thread) -> new FileAudioSource(mono16k, scope, true, thread);
  }

  /** A WAV or {@code .raw} file, replayed in real time. */
  static AudioInput recording(Path file) {
    return (scope, thread) -> new FileAudioSource(file, scope, true, thread);
  }

  /** Raw 16 kHz mono s16le from {@code in} (standard input), published as it arrives; its end ends the input. */
  static AudioInput stream(InputStream in) {
    return (scope, thread) -> new StreamAudioSource(in, scope, thread);
  }

  /**
   * A microphone (name or part of it, null for the first); looked up now, so a missing device
   * is one line before anything starts.
   */
  static AudioInput microphone(String device) {
    try {
      AudioDevices.findInput(device);
    } catch (AudioDeviceException e) {
      throw new UserError(e.getMessage());
    }
    return (scope, thread) -> new MicrophoneSource(device, scope, thread);
  }
}
