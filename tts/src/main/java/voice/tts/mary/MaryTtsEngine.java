package voice.tts.mary;

import java.io.IOException;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import marytts.LocalMaryInterface;
import marytts.modules.synthesis.Voice;
import voice.tts.AudioConsumer;
import voice.tts.SpeechEngine;

/**
 * MaryTTS in this process with the {@value #VOICE} voice. MaryTTS starts once per process
 * (about two seconds); the modules that turn text into sound start on the first synthesis,
 * which runs alone ({@link #start()} does it at once with a warm-up sentence, for servers and
 * conversations; {@link #startCold()} leaves it to the first real sentence, for one-off
 * commands, where a warm-up would only add to the wall time). Syntheses from all callers share
 * one {@link LocalMaryInterface} and run on {@link #threads()} threads (one per core) at once,
 * the most urgent first ({@link SynthesisThreads}). One interface serves concurrent calls
 * soundly: each {@code generateAudio} builds its own request, and MaryTTS's own server runs
 * requests on threads the same way ({@code ConcurrentSynthesisTest} checks that concurrent
 * calls give the very bytes serial calls give). More threads than cores would only queue.
 */
public final class MaryTtsEngine implements SpeechEngine {
  public static final String VOICE = "cmu-slt-hsmm";
  private static final int PIECE_MS = 100;

  private static MaryTtsEngine shared;
  private static IllegalStateException failure;
  private static volatile Thread background;

  private final SynthesisThreads threads;
  private final int threadCount;
  private final LocalMaryInterface mary;
  private final AudioFormat format;
  private final Object firstSynthesis = new Object();
  private volatile boolean modulesStarted;

  private MaryTtsEngine(SynthesisThreads threads, int threadCount, LocalMaryInterface mary, AudioFormat format) {
    this.threads = threads;
    this.threadCount = threadCount;
    this.mary = mary;
    this.format = format;
  }

  /**
   * The process's engine, started on first call and warmed up: every module MaryTTS needs is
   * running and the first sentence is as quick as any.
   *
   * @throws IllegalStateException with a one-line message when MaryTTS or the voice cannot load
   */
  public static MaryTtsEngine start() {
    MaryTtsEngine engine = startCold();
    if (engine.modulesStarted) {
      return engine;
    }
    try {
      engine.synthesize("Ready.", piece -> { });
    } catch (Exception e) {
      throw new IllegalStateException("MaryTTS could not speak with the voice " + VOICE + ": " + rootMessage(e), e);
    }
    return engine;
  }

  /**
   * The process's engine, started on first call without a warm-up: the first sentence also
   * starts the modules it needs (about half a second more).
   *
   * @throws IllegalStateException with a one-line message when MaryTTS or the voice cannot load
   */
  public static synchronized MaryTtsEngine startCold() {
    if (shared == null && failure == null) {
      int count = Runtime.getRuntime().availableProcessors();
      SynthesisThreads threads = new SynthesisThreads(count);
      try {
        LocalMaryInterface mary = threads.run(0, MaryTtsEngine::load);
        shared = new MaryTtsEngine(threads, count, mary, speechFormat());
      } catch (Exception e) {
        threads.shutdownNow();
        // MaryTTS cannot start twice in one process: remember why it failed.
        failure = new IllegalStateException("MaryTTS could not load the voice " + VOICE + ": " + rootMessage(e), e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return shared;
  }

  /**
   * Starts loading the engine on a thread of its own and returns at once, so that a command can
   * set up the rest (the event bus, the model's client, the recognizer) on another core meanwhile;
   * {@link #start()} and {@link #startCold()} then wait for it. A failure is theirs to report.
   */
  public static synchronized void startInBackground() {
    if (shared != null || failure != null || background != null) {
      return;
    }
    Thread loading = new Thread(() -> {
      try {
        startCold();
      } catch (IllegalStateException remembered) {
        // startCold() keeps it and throws it again to whoever asks for the engine.
      }
    }, "marytts-start");
    loading.setDaemon(true);
    background = loading;
    loading.start();
  }

  /**
   * Waits until a start begun by {@link #startInBackground()} has ended. A process must not exit
   * in the middle of it: MaryTTS's own shutdown hook would then fail with a stack trace.
   */
  public static void awaitBackgroundStart() throws InterruptedException {
    Thread loading = background;
    if (loading != null) {
      loading.join();
    }
  }

  /** How many syntheses run at once; more wait their turn. */
  public int threads() {
    return threadCount;
  }

  @Override
  public int sampleRate() {
    return (int) format.getSampleRate();
  }

  @Override
  public void synthesize(String text, AudioConsumer out) throws Exception {
    synthesize(text, out, 0);
  }

  @Override
  public void synthesize(String text, AudioConsumer out, int chunksAhead) throws Exception {
    if (text == null || text.isBlank()) {
      return;
    }
    if (modulesStarted) {
      generate(text, out, chunksAhead);
      return;
    }
    synchronized (firstSynthesis) {  // later callers wait until the modules have started
      generate(text, out, chunksAhead);
      modulesStarted = true;
    }
  }

  private void generate(String text, AudioConsumer out, int chunksAhead) throws Exception {
    threads.run(chunksAhead, () -> {
      try (AudioInputStream audio = pcm16(mary.generateAudio(text))) {
        if (audio.getFormat().getSampleRate() != format.getSampleRate()) {
          throw new IOException("the voice spoke at " + audio.getFormat().getSampleRate() + " Hz, not " + format.getSampleRate());
        }
        int pieceBytes = sampleRate() * 2 * PIECE_MS / 1000;
        for (byte[] piece = readPiece(audio, pieceBytes); piece.length > 0; piece = readPiece(audio, pieceBytes)) {
          out.accept(piece);
        }
      }
      return null;
    });
  }

  private static LocalMaryInterface load() throws Exception {
    MaryBootstrap.prepare();
    LocalMaryInterface mary = new LocalMaryInterface();
    if (!mary.getAvailableVoices().contains(VOICE)) {
      throw new IOException("its jar is not on the class path (voices found: " + mary.getAvailableVoices() + ")");
    }
    mary.setVoice(VOICE);
    return mary;
  }

  /** The format of what the voice says: its database's rate, as 16-bit mono (see {@link #pcm16}). */
  private static AudioFormat speechFormat() throws IOException {
    Voice voice = Voice.getVoice(VOICE);
    if (voice == null) {
      throw new IOException("the voice did not load");
    }
    return new AudioFormat(voice.dbAudioFormat().getSampleRate(), 16, 1, true, false);
  }

  /** The audio as signed 16-bit little-endian mono, converted only if MaryTTS gave otherwise. */
  private static AudioInputStream pcm16(AudioInputStream audio) {
    AudioFormat in = audio.getFormat();
    AudioFormat want = new AudioFormat(in.getSampleRate(), 16, 1, true, false);
    return want.matches(in) ? audio : AudioSystem.getAudioInputStream(want, audio);
  }

  /**
   * Up to {@code size} bytes, fewer only at the end. MaryTTS's sequence stream mishandles reads
   * at a non-zero offset (so no {@code readNBytes}): every read goes to offset 0 of a scratch array.
   */
  private static byte[] readPiece(AudioInputStream audio, int size) throws IOException {
    byte[] piece = new byte[size];
    byte[] scratch = new byte[size];
    int filled = 0;
    while (filled < size) {
      int n = audio.read(scratch, 0, size - filled);
      if (n <= 0) {
        break;
      }
      System.arraycopy(scratch, 0, piece, filled, n);
      filled += n;
    }
    return filled == size ? piece : Arrays.copyOf(piece, filled);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).trim();
  }
}
