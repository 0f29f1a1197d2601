package voice.agent.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import voice.agent.UserError;
import voice.core.bus.Addresses;
import voice.core.event.AgentEvent;
import voice.core.io.OsReason;

/**
 * Writes the public event stream ({@code --events FILE|-}) as JSON lines. Writing happens on
 * its own thread so a slow disk or pipe never stalls an event loop; every line is flushed so a
 * reader following the file sees events as they happen.
 */
public final class EventLogWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object END = new Object();

  private final Writer out;
  private final boolean closeOut;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final List<MessageConsumer<AgentEvent>> consumers = new ArrayList<>();

  private EventLogWriter(Writer out, boolean closeOut) {
    this.out = out;
    this.closeOut = closeOut;
    this.thread = new Thread(this::drain, "event-log");
    thread.setDaemon(true);
    thread.start();
  }

  /** Opens {@code target}: a file path, or {@code -} for standard output. */
  public static EventLogWriter open(String target) {
    if ("-".equals(target)) {
      return new EventLogWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    }
    Path path = Path.of(target);
    try {
      Path folder = path.toAbsolutePath().getParent();
      for (Path up = folder; up != null; up = up.getParent()) {
        if (Files.exists(up) && !Files.isDirectory(up)) {
          throw new UserError("cannot write events to " + target + ": " + up + " is not a directory", 2);
        }
      }
      Files.createDirectories(folder);
      return new EventLogWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      // An unusable --events is a bad option, refused before anything starts.
      throw new UserError("cannot write events to " + target + ": " + OsReason.of(e), 2);
    }
  }

  /** Writes every event published in {@code scope}. */
  public EventLogWriter attach(Vertx vertx, String scope) {
    consumers.add(vertx.eventBus().consumer(Addresses.scoped(Addresses.EVENTS, scope), m -> queue.add(m.body())));
    return this;
  }

  /** Writes one event directly (events that happen outside the bus). */
  public void write(AgentEvent event) {
    queue.add(event);
  }

  private void drain() {
    try {
      Writer writer = out instanceof BufferedWriter ? out : new BufferedWriter(out);
      while (true) {
        Object next = queue.take();
        if (next == END) {
          writer.flush();
          return;
        }
        writer.write(JSON.writeValueAsString(((AgentEvent) next).toJsonMap()));
        writer.write('\n');
        if (queue.isEmpty()) {
          writer.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // The reader went away (a closed pipe, a full disk): events stop, the voice goes on.
      queue.clear();
      System.err.println("voice-agent: stopped writing events: " + OsReason.of(e));
    }
  }

  /** Writes what is queued, then closes. Events published after this are not written. */
  @Override
  public void close() {
    consumers.forEach(MessageConsumer::unregister);
    queue.add(END);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
      if (closeOut) {
        out.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      System.err.println("voice-agent: cannot close the event log: " + e.getMessage());
    }
  }
}
