package voice.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logback's set-up, in code: logs go to stderr (stdout stays free for a WAV stream or the event
 * stream) at {@code VOICE_AGENT_LOG}'s level, WARN by default. Reading a {@code logback.xml}
 * costs every command about a third of a second of start-up (an XML parser and Logback's model
 * builder), which a Pi feels. {@code -Dlogback.configurationFile=F} still takes over.
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {
  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  /** Loggers quieter than the rest, and why. */
  private static final Map<String, Level> QUIETER = Map.of(
      "marytts", Level.ERROR,
      "io.netty", Level.WARN,
      // Vert.x registers some gauges twice; Micrometer warns once about it.
      "io.micrometer", Level.ERROR,
      // A WebSocket upgrade refused (401) is reported by the satellite in one line; Vert.x also warns "Connection evicted".
      "io.vertx.core.http.impl.HttpClientConnectionInternal", Level.ERROR,
      // At the end of a run the stages stop one after another; a playback progress still in
      // flight to a stage already stopped is dropped, and Vert.x warns about it.
      "io.vertx.core.eventbus.impl.MessageConsumerImpl", Level.ERROR,
      // Cluster: Hazelcast's start-up notes (CP subsystem off, module access) are not the
      // user's business; voice.agent.cluster says when a member joins or leaves.
      "com.hazelcast", Level.ERROR,
      // Messages still on their way to a member just killed warn once each; the call fails over
      // and ClusterNode says that the member left, once.
      "io.vertx.core.eventbus.impl.clustered.ClusteredEventBus", Level.ERROR);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(System.getenv("VOICE_AGENT_LOG"), Level.WARN));
    root.addAppender(stderr);
    QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
