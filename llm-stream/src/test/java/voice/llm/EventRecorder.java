package voice.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import voice.core.llm.LlmEvent;

/** Collects one call's events and checks the one-terminal-event contract as they arrive. */
public final class EventRecorder implements Consumer<LlmEvent> {
  public final List<LlmEvent> events = new CopyOnWriteArrayList<>();
  private final CompletableFuture<LlmEvent> terminal = new CompletableFuture<>();
  private final CompletableFuture<Void> firstText = new CompletableFuture<>();
  private volatile boolean eventAfterTerminal;

  @Override
  public void accept(LlmEvent event) {
    if (terminal.isDone()) {
      eventAfterTerminal = true;
    }
    events.add(event);
    if (event instanceof LlmEvent.BlockDelta d && d.type() == LlmEvent.BlockType.text) {
      firstText.complete(null);
    }
    if (event instanceof LlmEvent.LlmError || event instanceof LlmEvent.MessageStop s && s.endOfTurn()) {
      terminal.complete(event);
    }
  }

  /** Waits for the terminal event (the bound only stops a broken test from hanging). */
  public LlmEvent awaitTerminal() throws Exception {
    LlmEvent event = terminal.get(20, TimeUnit.SECONDS);
    Thread.sleep(50); // lets a wrongly doubled terminal event show up before the checks
    assertThat(eventAfterTerminal).as("events after the terminal event").isFalse();
    return event;
  }

  public void awaitFirstText() throws Exception {
    firstText.get(20, TimeUnit.SECONDS);
  }

  public LlmEvent.LlmError awaitError() throws Exception {
    LlmEvent event = awaitTerminal();
    assertThat(event).as("terminal event").isInstanceOf(LlmEvent.LlmError.class);
    return (LlmEvent.LlmError) event;
  }

  public void awaitEndOfTurn() throws Exception {
    LlmEvent event = awaitTerminal();
    assertThat(event).as("terminal event").isInstanceOf(LlmEvent.MessageStop.class);
  }

  public String text() {
    return deltas(LlmEvent.BlockType.text);
  }

  public String thinking() {
    return deltas(LlmEvent.BlockType.thinking);
  }

  private String deltas(LlmEvent.BlockType type) {
    return events.stream().filter(e -> e instanceof LlmEvent.BlockDelta d && d.type() == type)
        .map(e -> ((LlmEvent.BlockDelta) e).text()).collect(Collectors.joining());
  }

  public <T extends LlmEvent> List<T> all(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public boolean isTerminated() {
    return terminal.isDone();
  }
}
