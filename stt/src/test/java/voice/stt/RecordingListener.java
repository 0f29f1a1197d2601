package voice.stt;

import java.util.ArrayList;
import java.util.List;
import voice.core.message.Transcript;

/** Keeps what a {@link StreamingTranscriber} reported, as readable lines and transcripts. */
final class RecordingListener implements StreamingTranscriber.Listener {
  final List<String> events = new ArrayList<>();
  final List<Transcript> partials = new ArrayList<>();
  final List<Transcript> finals = new ArrayList<>();
  final List<long[]> speech = new ArrayList<>();

  @Override
  public void speechStarted(String utterance, long atMs) {
    events.add("start " + utterance);
    speech.add(new long[] {atMs, -1});
  }

  @Override
  public void partial(Transcript transcript) {
    events.add("partial " + transcript.utterance());
    partials.add(transcript);
  }

  @Override
  public void speechEnded(String utterance, long atMs) {
    events.add("end " + utterance);
    speech.get(speech.size() - 1)[1] = atMs;
  }

  @Override
  public void finalResult(Transcript transcript) {
    events.add("final " + transcript.utterance());
    finals.add(transcript);
  }

  String text() {
    return String.join(" ", finals.stream().map(Transcript::text).filter(t -> !t.isEmpty()).toList());
  }

  /** Feeds {@code samples} in 100 ms pieces, then ends the input. */
  static RecordingListener transcribe(Recognizer recognizer, SttOptions options, short[] samples) {
    RecordingListener listener = new RecordingListener();
    StreamingTranscriber transcriber = new StreamingTranscriber(recognizer, options, listener);
    for (int i = 0; i < samples.length; i += 1600) {
      transcriber.accept(samples, i, Math.min(1600, samples.length - i));
    }
    transcriber.finish();
    return listener;
  }
}
