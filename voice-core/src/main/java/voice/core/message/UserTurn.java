package voice.core.message;

/** A user's words that ask for an answer; {@code turn} is the id the answer will carry. */
public record UserTurn(String turn, String text) {}
