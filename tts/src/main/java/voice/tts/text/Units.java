package voice.tts.text;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unit symbols after a number, as words: "3 min" gives "3 minutes" (MaryTTS says "min" as
 * "men"), "5 km" gives "5 kilometers" (MaryTTS spells "k m"). MaryTTS says the numbers
 * themselves, ranges ("2-3" as "two to three") and "%" well, so they are left to it.
 */
final class Units {
  /** Symbol to {singular, plural}. Case matters: "MB" is not "mb", "G" is not "g". */
  private static final Map<String, String[]> UNITS = Map.ofEntries(
      unit("ms", "millisecond"), unit("s", "second"), unit("sec", "second"), unit("secs", "second"),
      unit("min", "minute"), unit("mins", "minute"), unit("h", "hour"), unit("hr", "hour"),
      unit("hrs", "hour"), unit("km", "kilometer"), unit("m", "meter"), unit("cm", "centimeter"),
      unit("mm", "millimeter"), unit("mi", "mile"), Map.entry("ft", new String[] {"foot", "feet"}),
      unit("kg", "kilogram"), unit("g", "gram"), unit("mg", "milligram"), unit("lb", "pound"),
      unit("lbs", "pound"), unit("oz", "ounce"), unit("l", "liter"), unit("L", "liter"),
      unit("ml", "milliliter"), unit("mL", "milliliter"), unit("KB", "kilobyte"),
      unit("kB", "kilobyte"), unit("MB", "megabyte"), unit("GB", "gigabyte"), unit("TB", "terabyte"),
      same("Kbps", "kilobits per second"), same("Mbps", "megabits per second"),
      same("Gbps", "gigabits per second"), same("Hz", "hertz"), same("kHz", "kilohertz"),
      same("MHz", "megahertz"), same("GHz", "gigahertz"), same("fps", "frames per second"),
      same("mph", "miles per hour"), same("kph", "kilometers per hour"),
      same("km/h", "kilometers per hour"), unit("W", "watt"), unit("kW", "kilowatt"),
      unit("kWh", "kilowatt hour"), unit("V", "volt"), unit("mAh", "milliamp hour"),
      unit("dB", "decibel"), unit("px", "pixel"));
  private static final Pattern AMOUNT = Pattern.compile(
      "(?<![\\w.])(\\d+(?:[.,]\\d+)*)(\\s?)(" + alternatives() + ")(?![\\w/])");

  private Units() {}

  static String speakable(String line) {
    Matcher m = AMOUNT.matcher(line);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String symbol = m.group(3);
      // "5 s" is five seconds, "5s" may be a decade or a plural ("the 1990s"): need the space.
      if (symbol.equals("s") && m.group(2).isEmpty()) {
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String[] forms = UNITS.get(symbol);
      String word = m.group(1).equals("1") ? forms[0] : forms[1];
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + " " + word));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String alternatives() {
    // Longest first, so "km/h" wins over "km" and "mAh" over "m".
    return String.join("|", UNITS.keySet().stream()
        .sorted((a, b) -> b.length() - a.length()).map(Pattern::quote).toList());
  }

  private static Map.Entry<String, String[]> unit(String symbol, String word) {
    return Map.entry(symbol, new String[] {word, word + "s"});
  }

  private static Map.Entry<String, String[]> same(String symbol, String words) {
    return Map.entry(symbol, new String[] {words, words});
  }
}
