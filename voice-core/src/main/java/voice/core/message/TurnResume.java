package voice.core.message;

/**
 * An answer that stopped for a noise or a backchannel goes on: {@code turn} speaks the rest of
 * {@code resumes}, from its chunk {@code chunk} (the one being heard when it stopped, after
 * {@code playedMs} of its audio).
 */
public record TurnResume(String turn, String resumes, int chunk, long playedMs) {}
