package voice.agent.bench.room;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import voice.agent.demo.PacedOpenAiServer;
import voice.agent.demo.ScriptedAnswer;
import voice.agent.pipeline.SharedVoice;
import voice.core.audio.Pcm16;
import voice.core.bus.Codecs;
import voice.stt.sphinx.PocketSphinxModel;
import voice.stt.sphinx.PocketSphinxRecognizer;
import voice.stt.echo.AecMode;

/** {@code bench --room}: the {@link RoomProbe} against a local paced model, MaryTTS and PocketSphinx. */
public final class RoomBench {
  public static final List<Double> LEVELS = List.of(0.0, -6.0, -10.0, -15.0);
  /** What goforward.raw (pocketsphinx-testdata) says. */
  private static final String GO_FORWARD = "go forward ten meters";

  private RoomBench() {}

  /** {@code speech}: 16 kHz mono raw; its words are taken to be goforward.raw's unless it is another file. */
  public static List<RoomLevel> run(Path speech, AecMode aec, int answers, PrintStream progress) throws Exception {
    byte[] raw = Files.readAllBytes(speech);
    short[] pcm = Pcm16.samples(raw, 0, raw.length & ~1);
    Vertx vertx = Vertx.vertx();
    Codecs.register(vertx);
    PacedOpenAiServer server = new PacedOpenAiServer(vertx, ScriptedAnswer.tokens(40), 100, 25).start().await();
    PocketSphinxRecognizer recognizer = PocketSphinxRecognizer.open(PocketSphinxModel.debianEnUs());
    try {
      RoomProbe probe = new RoomProbe(vertx, SharedVoice.start(), recognizer, server.baseUrl(),
          new RoomProbe.User(pcm, onsetMs(pcm), GO_FORWARD), aec, progress);
      return probe.run(LEVELS, answers);
    } finally {
      recognizer.close();
      server.close().await();
      vertx.close().await();
    }
  }

  /** Where speech begins in a recording: the first 20 ms loud enough to be voice. */
  public static long onsetMs(short[] pcm) {
    for (int f = 0; f + 320 <= pcm.length; f += 320) {
      double sum = 0;
      for (int i = f; i < f + 320; i++) {
        sum += (double) pcm[i] * pcm[i];
      }
      if (Math.sqrt(sum / 320) > 300) {
        return f / 16;
      }
    }
    throw new IllegalArgumentException("no speech in the recording");
  }
}
