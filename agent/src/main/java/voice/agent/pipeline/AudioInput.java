package voice.agent.pipeline;

import io.vertx.core.Deployable;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import voice.agent.UserError;
import voice.audio.device.AudioDeviceException;
import voice.audio.device.AudioDevices;
import voice.audio.in.FileAudioSource;
import voice.audio.in.MicrophoneSource;

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
