package voice.tts.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown made fit to be read aloud: markup that has no sound (emphasis, bullets, numbered-list
 * markers, headings, link targets, HTML tags, emoji) is removed, code blocks are dropped, and
 * what MaryTTS would misread (web addresses, units, versions, times, math) is written as a person
 * says it ({@link SpokenForms}).
 *
 * <p>One instance follows one turn's text chunk by chunk, so a code block whose fence opens in
 * one chunk and closes in a later one is dropped entirely. {@link #of(String)} is for a whole
 * text.
 */
public final class SpeakableText {
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
  private static final Pattern RULE = Pattern.compile("^\\s*([-*_])(\\s*\\1){2,}\\s*$");
  private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$");
  private static final Pattern HEADING = Pattern.compile("^\\s*#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern QUOTE = Pattern.compile("^\\s*(>\\s?)+");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*([-*+\u2022]|\\d{1,3}[.)])\\s+");
  private static final Pattern ENDS_CLAUSE = Pattern.compile("[.!?:;,\u2026]$");

  private boolean inCodeBlock;

  /** {@code markdown} as speakable text, or "" when nothing speakable is left. */
  public static String of(String markdown) {
    return new SpeakableText().next(markdown);
  }

  /** The speakable text of the next chunk of this text, or "" when nothing speakable is left. */
  public String next(String markdown) {
    if (markdown == null) {
      return "";
    }
    StringBuilder spoken = new StringBuilder();
    for (String line : markdown.split("\\R", -1)) {
      String speakable = line(line);
      if (!speakable.isEmpty()) {
        spoken.append(spoken.length() > 0 ? " " : "").append(speakable);
      }
    }
    // Removed markup can leave a space before punctuation ("I ❤️ it." gives "I  it.").
    String text = spoken.toString().replaceAll("\\s+", " ").replaceAll(" ([.,!?;:])", "$1").trim();
    return text.codePoints().anyMatch(Character::isLetterOrDigit) ? text : "";
  }

  private String line(String line) {
    Matcher fence = FENCE.matcher(line);
    if (fence.find()) {
      // A fence that also closes on its own line is a one-line block: no state change.
      if (line.indexOf(fence.group(1), fence.end()) < 0) {
        inCodeBlock = !inCodeBlock;
      }
      return "";
    }
    if (inCodeBlock || RULE.matcher(line).matches() || TABLE_SEPARATOR.matcher(line).matches()) {
      return "";
    }
    boolean standsAlone = false;
    Matcher heading = HEADING.matcher(line);
    if (heading.matches()) {
      line = heading.group(1);
      standsAlone = true;
    }
    line = QUOTE.matcher(line).replaceFirst("");
    Matcher item = LIST_ITEM.matcher(line);
    if (item.find()) {
      line = line.substring(item.end());
      standsAlone = true;
    }
    if (line.trim().startsWith("|")) {
      line = line.trim().replaceAll("^\\||\\|$", "").replace("|", ",");
      standsAlone = true;
    }
    line = SpokenForms.of(Inline.clean(line)).trim();
    // A heading or list item read aloud needs the pause its line break gave on screen.
    if (standsAlone && !line.isEmpty() && !ENDS_CLAUSE.matcher(line).find()) {
      line += ".";
    }
    return line;
  }
}
