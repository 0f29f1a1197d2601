package voice.llm.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import voice.core.llm.LlmEvent.BlockType;
import voice.core.llm.LlmEvent.Usage;
import voice.llm.LlmConfig;
import voice.llm.turn.Exchange;
import voice.llm.turn.LlmFailure;
import voice.llm.turn.RoundListener;
import voice.llm.turn.RoundTransport;

/**
 * One GGUF model in process. The model is loaded once and every generation runs, one at a time,
 * on this engine's own thread, never on an event loop. Tokens are read one by one; a closed round
 * is noticed at the next token, which then cancels the native generation.
 */
final class LlamaCppEngine implements RoundTransport {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private final LlmConfig config;
  private final Path file;
  private final ExecutorService thread;
  private final CompletableFuture<LlamaModel> model = new CompletableFuture<>();
  private final AtomicInteger messages = new AtomicInteger();
  private volatile Generation current;
  /** Tokens read after a round was closed, for tests: at most one. */
  volatile int tokensAfterClose;

  LlamaCppEngine(LlmConfig config, Path file) {
    this.config = config;
    this.file = file;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "llamacpp-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    thread.execute(this::load);
  }

  private void load() {
    try {
      NativeLlama.prepare();
      ModelParameters parameters = new ModelParameters().setModel(file.toString()).disableLog();
      model.complete(new LlamaModel(parameters));
    } catch (Throwable e) { // UnsatisfiedLinkError when the native library cannot run here
      model.completeExceptionally(e);
    }
  }

  @Override
  public RoundHandle start(Exchange exchange, RoundListener listener) {
    Generation generation = new Generation(exchange, listener);
    try {
      thread.execute(generation::run);
    } catch (RejectedExecutionException e) {
      listener.failed(LlmFailure.fatal("closed", "the llama.cpp engine was closed"));
    }
    return generation;
  }

  /** Stops the generation in flight (at its next token), then frees the model. */
  synchronized void close() {
    if (thread.isShutdown()) {
      return;
    }
    Generation running = current;
    if (running != null) {
      running.close();
    }
    thread.execute(() -> model.thenAccept(LlamaModel::close));
    thread.shutdown();
  }

  private String loadFailure(Throwable cause) {
    Throwable e = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null ? cause.getCause() : cause;
    if (e instanceof UnsatisfiedLinkError || e instanceof NoClassDefFoundError) {
      return "the llama.cpp native library cannot run on " + System.getProperty("os.name") + " "
          + System.getProperty("os.arch") + ": " + oneLine(e.getMessage());
    }
    return "could not load GGUF model " + file + ": " + oneLine(e.getMessage());
  }

  private static String oneLine(String s) {
    return s == null ? "unknown error" : s.replaceAll("\\s+", " ").trim();
  }

  private final class Generation implements RoundHandle {
    private final Exchange exchange;
    private final RoundListener listener;
    private volatile boolean closed;

    Generation(Exchange exchange, RoundListener listener) {
      this.exchange = exchange;
      this.listener = listener;
    }

    @Override
    public void close() {
      closed = true;
    }

    void run() {
      if (closed) {
        return;
      }
      current = this;
      LlamaModel llama;
      try {
        llama = model.join();
      } catch (RuntimeException e) {
        listener.failed(LlmFailure.fatal("model_error", loadFailure(e)));
        return;
      }
      try {
        generate(llama);
      } catch (RuntimeException e) {
        if (!closed) {
          listener.failed(LlmFailure.fatal("model_error", "llama.cpp generation failed: " + oneLine(e.getMessage())));
        }
      } finally {
        current = null;
      }
    }

    private void generate(LlamaModel llama) {
      String prompt = ChatPrompt.render(llama, exchange);
      int promptTokens = llama.encode(prompt).length;
      InferenceParameters parameters = new InferenceParameters(prompt).setNPredict(config.maxTokens());
      if (config.temperature() != null) {
        parameters.setTemperature(config.temperature().floatValue());
      }
      listener.requestSent("file:" + file);
      listener.messageStart("llamacpp-" + messages.incrementAndGet(), file.getFileName().toString());
      listener.blockStart(0, BlockType.text, null, null);
      LlamaIterator tokens = llama.generate(parameters).iterator();
      int generated = 0;
      while (tokens.hasNext()) {
        LlamaOutput output = tokens.next();
        if (closed) {
          // Cancelled from this thread: a receive blocked in another thread would never return.
          tokensAfterClose++;
          if (tokens.hasNext()) {
            tokens.cancel();
          }
          return;
        }
        if (!output.text.isEmpty()) {
          generated++;
          listener.blockDelta(0, output.text);
        }
      }
      listener.blockStop(0);
      String stopReason = generated >= config.maxTokens() ? "max_tokens" : "end_turn";
      listener.messageDelta(stopReason, new Usage(promptTokens, generated));
      listener.messageStop();
    }
  }
}
