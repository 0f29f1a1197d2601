package voice.agent.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import voice.core.audio.Pcm16;
import voice.core.message.AudioFrame;
import voice.core.message.Transcript;
import voice.stt.Hypothesis;
import voice.stt.Recognizer;

/**
 * The {@code stt} role: recognizes one utterance per call with a recognizer of this member's
 * pool, fed the caller's {@link AudioFrame}s in order on the executor handed in; each new partial
 * goes back as a {@link Transcript}, and the final one (after the frame marked {@code last})
 * ends the call.
 */
public final class RecognitionService {
  private static final Logger LOG = LoggerFactory.getLogger(RecognitionService.class);
  private final Supplier<Recognizer> recognizers;
  private final ExecutorService decoding;
  private final int capacity;

  /** @param recognizers one per call (a lease of the member's decoder pool), given back when it ends */
  public RecognitionService(Supplier<Recognizer> recognizers, ExecutorService decoding, int capacity) {
    this.recognizers = recognizers;
    this.decoding = decoding;
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  void recognize(AudioFrame opening, StreamReply reply) {
    Utterance utterance = new Utterance(reply);
    utterance.then(utterance::start);
    reply.onInput(body -> {
      if (body instanceof AudioFrame frame) {
        utterance.then(() -> utterance.feed(frame));
      }
    });
    reply.onCancel(() -> utterance.then(utterance::close));
  }

  /** One call's recognizer; its steps run one after another on the executor. */
  private final class Utterance {
    private final StreamReply reply;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private Recognizer recognizer;
    private String partial = "";

    Utterance(StreamReply reply) {
      this.reply = reply;
    }

    synchronized void then(Runnable step) {
      tail = tail.thenRunAsync(() -> {
        try {
          step.run();
        } catch (RuntimeException e) {
          LOG.warn("recognition for call {} failed: {}", reply.call(), e.toString());
          reply.fail("recognition failed: " + e.getMessage());
          close();
        }
      }, decoding);
    }

    void start() {
      recognizer = recognizers.get();
      recognizer.startUtterance();
    }

    void feed(AudioFrame frame) {
      if (recognizer == null) {
        return; // closed
      }
      short[] samples = Pcm16.samples(frame.pcm());
      if (samples.length > 0) {
        Hypothesis hypothesis = recognizer.accept(samples, 0, samples.length);
        if (!hypothesis.text().equals(partial)) {
          partial = hypothesis.text();
          reply.send(new Transcript(reply.call(), partial, false, 0, 0, hypothesis.words()));
        }
      }
      if (frame.last()) {
        Hypothesis result = recognizer.endUtterance();
        close();
        reply.end(new Transcript(reply.call(), result.text(), true, 0, 0, result.words()));
      }
    }

    void close() {
      if (recognizer != null) {
        recognizer.close(); // a pooled recognizer gives its decoder back
        recognizer = null;
      }
    }
  }
}
