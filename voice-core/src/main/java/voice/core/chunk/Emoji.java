package voice.core.chunk;

/** What counts as emoji, for the chunker (which keeps them with their sentence) and for speech (which drops them). */
public final class Emoji {
  private Emoji() {}

  /** Pictographs, dingbats and the joiners, selectors, skin tones and tags that build emoji. */
  public static boolean is(int codePoint) {
    return (codePoint >= 0x1F000 && codePoint <= 0x1FAFF)
        || (codePoint >= 0x2190 && Character.getType(codePoint) == Character.OTHER_SYMBOL)
        || codePoint == 0x200D || codePoint == 0xFE0E || codePoint == 0xFE0F || codePoint == 0x20E3
        || (codePoint >= 0xE0020 && codePoint <= 0xE007F);
  }
}
