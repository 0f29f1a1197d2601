package voice.tts.mary;

import marytts.config.MaryConfig;
import marytts.exceptions.MaryConfigurationException;

/**
 * Registers {@link PlainTextTokeniser} with MaryTTS. Found by MaryTTS through
 * {@code META-INF/services/marytts.config.MaryConfig}; neither a main, language nor voice
 * config, it only adds to {@code modules.classes.list}.
 */
public final class TokeniserConfig extends MaryConfig {
  public TokeniserConfig() throws MaryConfigurationException {
    super(TokeniserConfig.class.getResourceAsStream("tokeniser.config"));
  }
}
