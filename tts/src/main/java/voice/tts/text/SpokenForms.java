package voice.tts.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What models write that MaryTTS would read wrongly, rewritten as a person would say it. MaryTTS
 * already says numbers, years, ordinals, decimals, money, "%", "-5", "2-3" ("two to three"),
 * "2 + 2 = 4", file names ("config dot yaml") and e-mail addresses well (checked through its
 * WORDS output and PocketSphinx), so those are left to it and no number-to-words library (such
 * as ICU4J's spell-out) is needed. The rest is hand-written: no library in reach rewrites
 * addresses, unit symbols or versions for speech, and each rule is a line or two.
 */
final class SpokenForms {
  private static final Pattern VERSION = Pattern.compile("(?<![\\w.])[vV](\\d+(?:\\.\\d+)+)(?![\\w])");
  private static final Pattern DOTTED_NUMBER = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+\\.\\d+(?:\\.\\d+)*)(?![\\w]|\\.\\d)");
  private static final Pattern TEMPERATURE = Pattern.compile("(\\d)\\s?\u00B0\\s?([CF])\\b");
  private static final Pattern DEGREES = Pattern.compile("(\\d)\\s?\u00B0");
  private static final Pattern CLOCK = Pattern.compile(
      "(?<![\\w:.])([01]?\\d|2[0-3]):([0-5]\\d)(?![\\w:])(?!\\s?(?i:[ap]\\.?m\\b))");
  private static final Pattern RATIO = Pattern.compile("(?<![\\w:.])(\\d+):(\\d)(?![\\w:])");
  private static final Pattern MONEY_SCALE = Pattern.compile("([$\u20AC\u00A3])(\\d+(?:\\.\\d+)?)\\s?([kKmMbB]|bn)\\b");
  /** "10k views", "a 7B model"; not "4K", which is a resolution as often as a thousand. */
  private static final Pattern SCALE = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)([kMB])\\b");
  private static final Pattern TIMES = Pattern.compile("(?<![\\w.])(\\d+(?:\\.\\d+)?)x\\b");
  private static final Pattern PER = Pattern.compile(
      "(?<=[A-Za-z0-9])/(s|sec|h|hr|min|day|week|month|mo|year|yr)\\b");
  /** "1990s": MaryTTS says "one thousand nine hundred nineties". */
  private static final Pattern DECADE = Pattern.compile("(?<![\\w.])(1[0-9]|20|')([0-9])0s\\b");
  private static final Pattern POWER = Pattern.compile("(\\w)\\s?\\^\\s?(\\w+)");
  private static final Pattern STAR_TIMES = Pattern.compile("(\\d)\\s?\\*\\s?(\\d)");
  private static final Pattern FRACTION = Pattern.compile("(?<![\\w/.])([123])/([234])(?![\\w/])");
  private static final Pattern OUT_OF = Pattern.compile("(?<![\\w/])(\\d+(?:\\.\\d+)?)/(5|10|100)(?![\\w/.])");
  private static final Pattern ABOUT = Pattern.compile("(?<![\\w~])~\\s?(?=\\d)|\\bapprox\\.(?=\\s)");
  private static final Pattern CAMEL = Pattern.compile("\\b([a-z]+)((?:[A-Z][a-z]+)+)\\b(?:\\(\\))?");

  private static final Map<String, String> SCALES = Map.of(
      "k", "thousand", "K", "thousand", "m", "million", "M", "million", "b", "billion", "B", "billion",
      "bn", "billion");
  private static final Map<String, String> CURRENCIES = Map.of("$", "dollars", "\u20AC", "euros", "\u00A3", "pounds");
  private static final Map<String, String> PERIODS = Map.of("s", "second", "sec", "second", "h", "hour",
      "hr", "hour", "min", "minute", "day", "day", "week", "week", "month", "month", "mo", "month", "year", "year");
  private static final Map<String, String> FRACTIONS = Map.of("1/2", "one half", "1/3", "one third",
      "2/3", "two thirds", "1/4", "one quarter", "3/4", "three quarters");
  private static final Map<String, String> SYMBOLS = Map.of("\u00D7", " times ", "\u00F7", " divided by ",
      "\u00B1", " plus or minus ", "\u2248", " approximately ", "\u2264", " less than or equal to ",
      "\u2265", " greater than or equal to ", "\u2260", " is not equal to ", "\u221A", " square root of ",
      "\u2192", " to ");

  private SpokenForms() {}

  static String of(String line) {
    line = Links.speakable(line);
    line = replace(VERSION, line, m -> "version " + m.group(1).replace(".", " point "));
    line = replace(DOTTED_NUMBER, line, m -> m.group(1).replace(".", " point "));
    line = replace(TEMPERATURE, line, m -> m.group(1) + " degrees " + (m.group(2).equals("C") ? "Celsius" : "Fahrenheit"));
    line = replace(DEGREES, line, m -> m.group(1) + " degrees");
    line = replace(CLOCK, line, SpokenForms::clock);
    line = replace(DECADE, line, SpokenForms::decade);
    line = replace(RATIO, line, m -> m.group(1) + " to " + m.group(2));
    line = replace(MONEY_SCALE, line, m -> m.group(2) + " " + SCALES.get(m.group(3)) + " " + CURRENCIES.get(m.group(1)));
    line = replace(SCALE, line, m -> m.group(1) + " " + SCALES.get(m.group(2)));
    line = replace(TIMES, line, m -> m.group(1) + " times");
    line = replace(PER, line, m -> " per " + PERIODS.get(m.group(1)));
    line = Units.speakable(line);
    line = replace(POWER, line, SpokenForms::power);
    line = replace(STAR_TIMES, line, m -> m.group(1) + " times " + m.group(2));
    line = replace(FRACTION, line, m -> FRACTIONS.getOrDefault(m.group(), m.group()));
    line = replace(OUT_OF, line, m -> m.group(1) + " out of " + m.group(2));
    line = replace(ABOUT, line, m -> m.group().startsWith("~") ? "about " : "approximately");
    for (Map.Entry<String, String> symbol : SYMBOLS.entrySet()) {
      line = line.replace(symbol.getKey(), symbol.getValue());
    }
    return replace(CAMEL, line, m -> m.group(1) + m.group(2).replaceAll("([A-Z])", " $1"));
  }

  /** "10:30" as "10 30", "10:05" as "10 oh 5", "9:00" as "9 o'clock": MaryTTS adds "a m" to a bare time. */
  private static String clock(Matcher m) {
    int hour = Integer.parseInt(m.group(1));
    String minutes = m.group(2);
    if (minutes.equals("00")) {
      return hour <= 12 ? hour + " o'clock" : hour + " hundred";
    }
    return hour + (minutes.startsWith("0") ? " oh " + minutes.charAt(1) : " " + minutes);
  }

  private static String decade(Matcher m) {
    String century = m.group(1).equals("'") ? "" : m.group(1);
    int tens = m.group(2).charAt(0) - '0';
    if (tens == 0) {
      return century.isEmpty() ? m.group() : century.equals("20") ? "two thousands" : century + " hundreds";
    }
    String[] words = {"", "tens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
        "eighties", "nineties"};
    return (century.isEmpty() ? "" : century + " ") + words[tens];
  }

  private static String power(Matcher m) {
    return m.group(1) + switch (m.group(2)) {
      case "2" -> " squared";
      case "3" -> " cubed";
      default -> " to the power of " + m.group(2);
    };
  }

  private static String replace(Pattern pattern, String line, java.util.function.Function<Matcher, String> spoken) {
    Matcher m = pattern.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(spoken.apply(m)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
