package voice.tts.mary;

import marytts.config.MaryConfig;
import marytts.exceptions.MaryConfigurationException;

/**
 * Registers our modules that take the place of some of MaryTTS's ({@link PlainTextTokeniser},
 * {@link EarlyPosTagger}; {@link MaryBootstrap} strikes the originals). Found by MaryTTS through
 * {@code META-INF/services/marytts.config.MaryConfig}; neither a main, language nor voice
 * config, it only adds to {@code modules.classes.list}.
 */
public final class ReplacementModulesConfig extends MaryConfig {
  public ReplacementModulesConfig() throws MaryConfigurationException {
    super(ReplacementModulesConfig.class.getResourceAsStream("replacement-modules.config"));
  }
}
