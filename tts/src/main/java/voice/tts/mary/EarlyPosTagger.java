package voice.tts.mary;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import marytts.datatypes.MaryData;
import marytts.datatypes.MaryDataType;
import marytts.modules.InternalModule;
import marytts.modules.OpenNLPPosTagger;
import marytts.util.MaryUtils;

/**
 * MaryTTS's own part-of-speech tagger, started on a thread of its own as soon as MaryTTS
 * creates its modules, rather than on the first sentence. Its model is the largest part of the
 * text modules' start (about half a second), and in MaryTTS's command-line mode it would load
 * after the voice, on the first sentence's path; here it loads while MaryTTS loads the voice,
 * on another core. Tagging is MaryTTS's {@link OpenNLPPosTagger}, unchanged.
 *
 * <p>Public with a {@code (String locale, String propertyPrefix)} constructor because MaryTTS
 * instantiates the modules listed in {@code modules.classes.list} by reflection.
 */
public final class EarlyPosTagger extends InternalModule {
  private final FutureTask<OpenNLPPosTagger> tagger;

  public EarlyPosTagger(String locale, String propertyPrefix) throws Exception {
    super("OpenNLPPosTagger", MaryDataType.WORDS, MaryDataType.PARTSOFSPEECH, MaryUtils.string2locale(locale));
    OpenNLPPosTagger original = new OpenNLPPosTagger(locale, propertyPrefix);
    tagger = new FutureTask<>(() -> {
      original.startup();
      return original;
    });
    Thread loading = new Thread(tagger, "marytts-pos-model");
    loading.setDaemon(true);  // a command that fails early must not wait for it to exit
    loading.start();
  }

  @Override
  public synchronized void startup() throws Exception {
    try {
      tagger.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    super.startup();
  }

  @Override
  public MaryData process(MaryData words) throws Exception {
    return tagger.get().process(words);
  }
}
