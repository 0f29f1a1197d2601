package voice.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class StderrLoggingTest {
  @Test
  void theProcessLogsToStderrAtWarnWithNoisyLibrariesQuieter() {
    // The service file makes Logback use it for this very JVM.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
        appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
    assertThat(root.getLevel()).isEqualTo(Level.toLevel(System.getenv("VOICE_AGENT_LOG"), Level.WARN));
    assertThat(context.getLogger("marytts.server.Mary").getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("io.vertx.core.eventbus.impl.MessageConsumerImpl").getEffectiveLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void aConfigurationFileNamedOnTheCommandLineTakesOver() {
    LoggerContext fresh = new LoggerContext();
    System.setProperty("logback.configurationFile", "/nonexistent/logback.xml");
    try {
      StderrLogging logging = new StderrLogging();
      logging.setContext(fresh);
      assertThat(logging.configure(fresh)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(fresh.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    } finally {
      System.clearProperty("logback.configurationFile");
    }
  }
}
