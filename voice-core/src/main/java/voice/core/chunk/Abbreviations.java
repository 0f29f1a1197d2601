package voice.core.chunk;

import java.util.Locale;
import java.util.Set;

/** Word lists the boundary rules consult. Tokens are given without their final period. */
final class Abbreviations {
  private Abbreviations() {}

  /** Titles and the like: always followed by a name, so their period never ends a sentence. */
  private static final Set<String> PREPOSITIVE = Set.of(
      "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "St", "Mt", "Ft", "Gen", "Col", "Capt", "Cpt", "Lt",
      "Sgt", "Cmdr", "Adm", "Maj", "Rev", "Hon", "Gov", "Sen", "Rep", "Pres", "Supt", "Messrs",
      "Mme", "Mlle", "Fr", "Sra", "Srta", "vs", "Vs", "cf", "Cf", "viz", "e.g",
      "i.e", "E.g", "I.e", "approx", "Approx", "ca", "incl", "resp");

  /** Abbreviations that may end a sentence (then a capital follows) but not before a number. */
  private static final Set<String> BEFORE_NUMBER = Set.of(
      "no", "nos", "nr", "art", "p", "pp", "vol", "vols", "fig", "figs", "ch", "chap", "sec",
      "sect", "op", "eq", "tab", "para", "n\u00B0", "jan", "feb", "mar", "apr", "jun",
      "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
      "thur", "thurs", "fri", "sat", "sun", "est", "min", "max", "ft", "oz", "lb", "lbs",
      "hr", "hrs", "mins", "secs", "yr", "yrs", "ave", "blvd", "rd", "ste", "apt",
      "dept", "bldg", "rm", "ext", "tel");

  /** Words that begin a new sentence after an abbreviation like "U.S." (a name would not). */
  private static final Set<String> SENTENCE_STARTERS = Set.of(
      "A", "After", "Also", "An", "And", "As", "At", "But", "By", "Did", "Do", "Does", "During",
      "Each", "Every", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If",
      "In", "It", "Its", "Let", "Many", "Meanwhile", "Millions", "More", "Most", "My", "No",
      "Not", "Now", "Of", "On", "Once", "One", "Our", "Please", "She", "So", "Some", "Still",
      "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus", "To",
      "Today", "We", "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yes",
      "You", "Your");

  /** Multi-period abbreviations whose parts are longer than one letter. */
  private static final Set<String> DOTTED = Set.of("ph.d", "m.sc", "b.sc", "m.a", "b.a", "d.phil");

  static boolean isPrepositive(String token) {
    return PREPOSITIVE.contains(token);
  }

  static boolean isBeforeNumber(String token) {
    return BEFORE_NUMBER.contains(token.toLowerCase(Locale.ROOT));
  }

  static boolean isSentenceStarter(String word) {
    return SENTENCE_STARTERS.contains(word);
  }

  static boolean isAmPm(String token) {
    return token.equalsIgnoreCase("a.m") || token.equalsIgnoreCase("p.m");
  }

  /** "U.S", "e.g", "U.S.A", "Ph.D": letters separated by periods (the last period excluded). */
  static boolean isDotted(String token) {
    if (DOTTED.contains(token.toLowerCase(Locale.ROOT))) {
      return true;
    }
    if (token.length() < 3 || token.length() % 2 == 0) {
      return false;
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (i % 2 == 0 ? !Character.isLetter(c) : c != '.') {
        return false;
      }
    }
    return true;
  }

  /** "1", "12", "a", "B", "iv", "XII": what numbers a list item at the start of a line. */
  static boolean isListMarker(String token) {
    if (token.isEmpty() || token.length() > 4) {
      return false;
    }
    if (token.chars().allMatch(Character::isDigit)) {
      return true;
    }
    if (token.length() == 1 && Character.isLetter(token.charAt(0))) {
      return true;
    }
    String roman = token.toLowerCase(Locale.ROOT);
    return roman.chars().allMatch(c -> c == 'i' || c == 'v' || c == 'x');
  }
}
