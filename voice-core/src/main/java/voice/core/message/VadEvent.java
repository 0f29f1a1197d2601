package voice.core.message;

/**
 * Voice activity in the input: {@code speaking} turns true at speech onset and false at its
 * end. {@code atMs} is the position in the input stream; {@code utterance} ties it to the
 * transcript that follows.
 */
public record VadEvent(String utterance, boolean speaking, long atMs) {}
