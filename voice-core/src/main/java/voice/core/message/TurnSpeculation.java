package voice.core.message;

/**
 * The orchestrator asked the model for {@code turn} before the user's turn was over, with
 * {@code text}, the words of {@code utterance} so far. Its audio is held until a
 * {@link TurnCommit} of the same turn; a cancel abandons it unheard.
 */
public record TurnSpeculation(String turn, String utterance, String text) {}
