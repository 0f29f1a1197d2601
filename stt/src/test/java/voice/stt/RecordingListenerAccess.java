package voice.stt;

/** Lets tests in sub-packages run the whole transcriber on a recording. */
public final class RecordingListenerAccess {
  private RecordingListenerAccess() {}

  public static String transcribe(Recognizer recognizer, short[] samples) {
    return RecordingListener.transcribe(recognizer, SttOptions.DEFAULT, samples).text();
  }
}
