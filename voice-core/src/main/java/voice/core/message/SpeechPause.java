package voice.core.message;

/**
 * Published by recognition inside an utterance: with {@code paused} the speaker has been quiet
 * since {@code atMs} (input position) long enough for a speculative answer to {@code text}, the
 * words so far; without it, the speaker went on at {@code atMs} and the utterance continues.
 */
public record SpeechPause(String utterance, String text, long atMs, boolean paused) {}
