package voice.core.chunk;

import java.util.Locale;
import java.util.Map;
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

  /** Capitalised abbreviations before a reference that may start with a letter: "Art. B.2", "Fig. A1". */
  private static final Set<String> REFERENCE = Set.of(
      "Art", "Arts", "Sec", "Sect", "Fig", "Figs", "Ch", "Chap", "Eq", "Tab", "Vol", "No", "Nos",
      "Para", "App", "Pt", "Ex", "Ref");

  /** Words that begin a new sentence after an abbreviation like "U.S." (a name would not). */
  private static final Set<String> SENTENCE_STARTERS = Set.of(
      "A", "After", "Also", "An", "And", "As", "At", "But", "By", "Did", "Do", "Does", "During",
      "Each", "Every", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If",
      "In", "It", "Its", "Let", "Many", "Meanwhile", "Millions", "More", "Most", "My", "No",
      "Not", "Now", "Of", "On", "Once", "One", "Our", "Please", "She", "So", "Some", "Still",
      "That", "The", "Their", "Then", "There", "These", "They", "This", "Those", "Thus", "To",
      "Today", "We", "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yes",
      "You", "Your", "First", "Next", "Finally", "Note", "Both", "Just", "Try", "Use", "Check",
      "Make", "Hope", "Sure", "Thanks", "Great", "Good", "Otherwise", "Instead", "Anyway");

  /** Words after "a.m." or "p.m." that go on the same sentence: "at 9 a.m. Pacific time". */
  private static final Set<String> TIME_WORDS = Set.of(
      "Pacific", "Eastern", "Central", "Mountain", "Atlantic", "Alaska", "Hawaii", "ET", "PT", "CT",
      "MT", "EST", "EDT", "PST", "PDT", "CST", "CDT", "MST", "MDT", "GMT", "UTC", "BST", "CET",
      "CEST", "IST", "JST", "AEST", "AEDT", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "Saturday", "Sunday", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Local", "London",
      "New", "Berlin", "Paris", "Tokyo", "Sydney");

  /** Company forms: one may follow another ("Sons Co. Ltd."), which ends no sentence. */
  private static final Set<String> COMPANY = Set.of(
      "Co", "Corp", "Inc", "Ltd", "LLC", "Bros", "Pty", "PLC", "Plc", "GmbH", "AG", "SA", "LLP", "NV", "BV");

  /** Names that hold a "!" (an abbreviation's period, in effect): "Jeopardy! Tonight". */
  private static final Set<String> EXCLAIMING_NAMES = Set.of(
      "Yahoo", "Jeopardy", "Yum", "E", "Wham", "Oklahoma");

  /** Multi-period abbreviations whose parts are longer than one letter. */
  private static final Set<String> DOTTED = Set.of("ph.d", "m.sc", "b.sc", "m.a", "b.a", "d.phil");

  static boolean isPrepositive(String token) {
    return PREPOSITIVE.contains(token);
  }

  static boolean isBeforeNumber(String token) {
    return BEFORE_NUMBER.contains(token.toLowerCase(Locale.ROOT));
  }

  static boolean isReference(String token) {
    return REFERENCE.contains(token);
  }

  static boolean isSentenceStarter(String word) {
    return SENTENCE_STARTERS.contains(word);
  }

  static boolean isTimeWord(String word) {
    return TIME_WORDS.contains(word);
  }

  static boolean isCompany(String token) {
    return COMPANY.contains(token);
  }

  static boolean isExclaimingName(String token) {
    return EXCLAIMING_NAMES.contains(token);
  }

  /** Names holding "?", each known by the word that follows it: "Why? Magazine". */
  private static final Map<String, String> QUESTIONING_NAMES = Map.of("Why", "Magazine", "Guess", "Jeans");

  static boolean mayBeQuestioningName(String token) {
    return QUESTIONING_NAMES.containsKey(token);
  }

  static boolean isQuestioningName(String token, String next) {
    return next.equals(QUESTIONING_NAMES.get(token));
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
