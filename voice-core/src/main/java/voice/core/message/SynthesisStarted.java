package voice.core.message;

/**
 * Synthesis of chunk {@code index} of {@code turn} began: {@code text} as the chunker cut it,
 * {@code spoken} the words the voice says for it (markdown and symbols spelled out).
 */
public record SynthesisStarted(String turn, int index, String text, String spoken) {}
