package voice.audio.device;

/** No usable audio device (none at all, none by that name, or it cannot be opened). */
public final class AudioDeviceException extends RuntimeException {
  public AudioDeviceException(String message) {
    super(message, null, false, false);
  }

  public AudioDeviceException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
