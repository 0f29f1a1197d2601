package voice.core.message;

/**
 * The user's turn is over: {@code turn} answers {@code text} (the final words of
 * {@code utterance}) and may be heard. {@code speculative} is true when the request started
 * at a pause was kept, false when it was sent now.
 */
public record TurnCommit(String turn, String utterance, String text, boolean speculative) {}
