package voice.tts.mary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import marytts.LocalMaryInterface;
import marytts.datatypes.MaryData;
import marytts.datatypes.MaryDataType;
import marytts.modules.MaryModule;
import marytts.modules.ModuleRegistry;
import marytts.modules.OpenNLPPosTagger;
import marytts.modules.synthesis.Voice;
import marytts.util.dom.DomUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/** The tagger that starts early is the one MaryTTS uses, and it tags as MaryTTS's own does. */
class EarlyPosTaggerTest {
  private static LocalMaryInterface words;
  private static MaryModule early;
  private static OpenNLPPosTagger original;

  @BeforeAll
  static void startMary() throws Exception {
    MaryTtsEngine.start();
    List<MaryModule> path = ModuleRegistry.modulesRequiredForProcessing(
        MaryDataType.TEXT, MaryDataType.AUDIO, Locale.US, Voice.getVoice(MaryTtsEngine.VOICE));
    assertThat(path).noneMatch(module -> module instanceof OpenNLPPosTagger);
    early = path.stream().filter(module -> module instanceof EarlyPosTagger).findFirst().orElseThrow();
    original = new OpenNLPPosTagger("en", "en.pos");
    original.startup();
    words = new LocalMaryInterface();
    words.setOutputType("WORDS");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "The quick brown fox jumps over the lazy dog.",
      "Can you book a table for two at seven thirty tonight?",
      "I read the book that you read, and they will read it too.",
      "Dr. Smith paid 3 dollars, e.g. for the U.S. edition!"})
  void tagsEveryWordAsMaryTtsOwnTaggerDoes(String text) throws Exception {
    Document sentence = words.generateXML(text);

    String ours = tagged(early, sentence);
    String theirs = tagged(original, sentence);

    assertThat(ours).contains("pos=\"").isEqualTo(theirs);
  }

  private static String tagged(MaryModule tagger, Document sentence) throws Exception {
    MaryData input = new MaryData(MaryDataType.WORDS, Locale.US);
    input.setDocument((Document) sentence.cloneNode(true));
    return DomUtils.document2String(tagger.process(input).getDocument());
  }
}
