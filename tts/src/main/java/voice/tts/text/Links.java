package voice.tts.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web addresses as a person reads them: the host only ("example.com", which MaryTTS says as
 * "example dot com"), never the scheme, path, query or fragment. E-mail addresses are left
 * whole: MaryTTS already says "ana at example dot com".
 */
final class Links {
  private static final String TLD = "com|org|net|io|dev|ai|app|edu|gov|info|co|uk|de|fr|eu|us|ca|me|ly|sh|gg|tv|xyz";
  private static final Pattern URL = Pattern.compile(
      "(?<![\\w@./])(?:(?:https?|ftp)://|www\\.)[^\\s<>]+"
          + "|(?<![\\w@./])(?:[A-Za-z0-9-]+\\.)+(?:" + TLD + ")(?::\\d+)?/[^\\s<>]*");
  private static final Pattern SCHEME = Pattern.compile("^(?:(?:https?|ftp)://)?(?:[^/@\\s]+@)?(?:www\\.)?");
  /** Sentence punctuation right after an address belongs to the sentence, not the address. */
  private static final Pattern TRAILING = Pattern.compile("[.,;:!?)\\]'\"\u201D\u2019]+$");

  private Links() {}

  static String speakable(String line) {
    Matcher m = URL.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String url = m.group();
      Matcher trailing = TRAILING.matcher(url);
      String after = trailing.find() ? trailing.group() : "";
      url = url.substring(0, url.length() - after.length());
      m.appendReplacement(out, Matcher.quoteReplacement(host(url) + after));
    }
    m.appendTail(out);
    return out.toString().replace("mailto:", "");
  }

  private static String host(String url) {
    String rest = SCHEME.matcher(url).replaceFirst("");
    int end = 0;
    while (end < rest.length() && "/?#:".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    return rest.substring(0, end);
  }
}
