package voice.tts.mary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import marytts.datatypes.MaryData;
import marytts.datatypes.MaryDataType;
import marytts.datatypes.MaryXML;
import marytts.modules.InternalModule;
import marytts.util.MaryUtils;
import marytts.util.dom.MaryDomUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.w3c.dom.traversal.DocumentTraversal;
import org.w3c.dom.traversal.NodeFilter;
import org.w3c.dom.traversal.NodeIterator;

/**
 * MaryTTS module RAWMARYXML to TOKENS that replaces MaryTTS's JTok tokenisers (JTok is not on
 * Maven Central). Every text node becomes {@code <s><t>word</t>...</s>} elements in place; a
 * text node already inside a sentence only gets its {@code <t>} elements.
 *
 * <p>Public with a {@code (String locale)} constructor because MaryTTS instantiates the
 * modules listed in {@code modules.classes.list} by reflection.
 */
public final class PlainTextTokeniser extends InternalModule {

  public PlainTextTokeniser(String locale) {
    super("PlainTextTokeniser", MaryDataType.RAWMARYXML, MaryDataType.TOKENS, new Locale(locale));
  }

  @Override
  public MaryData process(MaryData input) throws Exception {
    Document doc = input.getDocument();
    for (Text text : textNodes(doc)) {
      String content = MaryUtils.normaliseUnicodePunctuation(text.getData());
      if (content.isBlank() || MaryDomUtils.hasAncestor(text, MaryXML.TOKEN)) {
        continue;
      }
      boolean inSentence = MaryDomUtils.hasAncestor(text, MaryXML.SENTENCE);
      Node parent = text.getParentNode();
      for (List<String> sentence : TokenSplitter.sentences(content)) {
        Element container = inSentence ? null : MaryXML.createElement(doc, MaryXML.SENTENCE);
        for (String word : sentence) {
          Element token = MaryXML.createElement(doc, MaryXML.TOKEN);
          MaryDomUtils.setTokenText(token, MaryUtils.normaliseUnicodeLetters(word, Locale.ENGLISH));
          if (container != null) {
            container.appendChild(token);
          } else {
            parent.insertBefore(token, text);
          }
        }
        if (container != null) {
          parent.insertBefore(container, text);
        }
      }
      parent.removeChild(text);
    }
    MaryData result = new MaryData(getOutputType(), input.getLocale());
    result.setDocument(doc);
    return result;
  }

  /** Collected first: the loop above changes the tree it walks. */
  private static List<Text> textNodes(Document doc) {
    NodeIterator it = ((DocumentTraversal) doc).createNodeIterator(doc, NodeFilter.SHOW_TEXT, null, false);
    List<Text> nodes = new ArrayList<>();
    for (Node n = it.nextNode(); n != null; n = it.nextNode()) {
      nodes.add((Text) n);
    }
    return nodes;
  }
}
