package voice.core.message;

/**
 * Speakable text of a turn, in order ({@code index} from 0). The chunk with {@code last} set
 * ends the turn's text; its {@code text} may be empty.
 */
public record TextChunk(String turn, int index, String text, boolean last) {}
