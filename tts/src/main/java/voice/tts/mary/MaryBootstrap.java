package voice.tts.mary;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import marytts.config.MaryConfig;
import org.apache.log4j.Logger;
import org.apache.log4j.varia.NullAppender;

/**
 * What must happen before the first {@code LocalMaryInterface}: MaryTTS 5.2.1's own tokenisers
 * need JTok, which is not on Maven Central, and {@code ignore.modules.classes.list} is not
 * implemented, so they are struck from every config's module list ({@link PlainTextTokeniser}
 * takes their place through {@link ReplacementModulesConfig}); so is the English part-of-speech
 * tagger, which {@link EarlyPosTagger} starts sooner. And MaryTTS must neither write
 * {@code ./log/server.log} nor read files from the user's working directory, and it starts
 * only the modules it uses.
 */
final class MaryBootstrap {
  private static final Set<String> REPLACED_MODULES = Set.of("marytts.modules.JTokeniser",
      "marytts.language.en.JTokeniser", "marytts.modules.OpenNLPPosTagger(en,en.pos)");
  private static final String MODULES = "modules.classes.list";

  private MaryBootstrap() {}

  static void prepare() {
    // MaryTTS logs through log4j 1's API, bridged to SLF4J (our Logback set-up keeps "marytts"
    // to errors). It configures log4j itself unless the root logger has an appender, and that
    // needs log4j-core, whose start alone took half a second: the appender says "configured".
    Logger root = Logger.getRootLogger();
    if (!root.getAllAppenders().hasMoreElements()) {
      root.addAppender(new NullAppender());
    }
    // MaryTTS reads these from system properties before its own config; a user's -D wins.
    // MARY_BASE is where the log file, user dictionaries and cache would live; "." by default.
    setDefault("mary.base", Path.of(System.getProperty("java.io.tmpdir"), "voice-agent-marytts").toString());
    // The self test synthesizes example sentences for every module: start-up time for nothing.
    setDefault("modules.poweronselftest", "false");
    // "commandline" starts only the synthesis modules at start-up; the others start on the first
    // request that needs them, so those text to audio never uses (British English, SSML, APML,
    // Sable, Praat...) never start: about a third of MaryTTS's start-up. MaryTtsEngine makes the
    // first request run alone, since a module's lazy start is not thread-safe.
    setDefault("server", "commandline");
    for (MaryConfig config : MaryConfig.getConfigs()) {
      strikeReplaced(config.getProperties());
    }
  }

  private static void strikeReplaced(Properties properties) {
    String modules = properties.getProperty(MODULES);
    if (modules == null) {
      return;
    }
    properties.setProperty(MODULES, Arrays.stream(modules.trim().split("\\s+"))
        .filter(module -> !REPLACED_MODULES.contains(module))
        .collect(Collectors.joining(" ")));
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
