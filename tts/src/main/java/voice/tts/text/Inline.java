package voice.tts.text;

import java.util.regex.Pattern;
import voice.core.chunk.Emoji;

/** Markup inside one line of markdown: what to keep of it when it is read aloud. */
final class Inline {
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\](\\([^)]*\\)|\\[[^\\]]*\\])");
  private static final Pattern AUTOLINK = Pattern.compile("<((https?|mailto):[^>\\s]+)>");
  private static final Pattern HTML_TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(\\s[^<>]*)?/?>|<!--.*?-->");
  private static final Pattern CODE = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern STAR = Pattern.compile("(?<![\\w*])\\*(?=\\S)(.+?)(?<=\\S)\\*(?![\\w*])");
  private static final Pattern UNDERSCORE = Pattern.compile("(?<![\\w])_(?=\\S)(.+?)(?<=\\S)_(?![\\w])");
  private static final Pattern STRIKE = Pattern.compile("~~(.+?)~~");
  private static final Pattern STRAY_STARS = Pattern.compile("\\*{2,}|(?<=^|\\s)\\*(?=\\S)|(?<=\\S)\\*(?=\\s|$)");

  private Inline() {}

  static String clean(String line) {
    line = IMAGE.matcher(line).replaceAll("$1");
    line = LINK.matcher(line).replaceAll("$1");
    line = AUTOLINK.matcher(line).replaceAll("$1");
    line = HTML_TAG.matcher(line).replaceAll(" ");
    line = entities(line);
    line = CODE.matcher(line).replaceAll("$2");
    line = STRONG.matcher(line).replaceAll("$2");
    line = STAR.matcher(line).replaceAll("$1");
    line = UNDERSCORE.matcher(line).replaceAll("$1");
    line = STRIKE.matcher(line).replaceAll("$1");
    line = STRAY_STARS.matcher(line).replaceAll("");
    return withoutEmoji(line);
  }

  private static String entities(String line) {
    return line.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }

  private static String withoutEmoji(String line) {
    StringBuilder kept = new StringBuilder(line.length());
    line.codePoints().filter(cp -> !Emoji.is(cp)).forEach(kept::appendCodePoint);
    return kept.toString();
  }
}
